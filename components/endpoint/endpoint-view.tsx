"use client";

import Link from "next/link";
import { useMemo } from "react";
import { ChartLegend } from "@/components/charts/chart-legend";
import { LatencyChart } from "@/components/charts/latency-chart";
import { ErrorRateChart, RequestRateChart } from "@/components/charts/traffic-charts";
import {
  DashboardShell,
  ErrorPanel,
  InvalidLinkPanel,
  Panel,
  SkeletonBlock,
} from "@/components/dashboard/dashboard-states";
import { DashboardToolbar } from "@/components/dashboard/dashboard-toolbar";
import { CachePanels } from "@/components/endpoint/cache-panels";
import { EndpointSummaryStats } from "@/components/endpoint/endpoint-summary";
import { ExemplarList } from "@/components/endpoint/exemplar-list";
import { MetricPercentiles } from "@/components/endpoint/metric-percentiles";
import { OutliersPanel } from "@/components/endpoint/outliers-panel";
import { UnknownEndpoint } from "@/components/endpoint/unknown-endpoint";
import { InsightsPanel } from "@/components/insights/insights-panel";
import { SlowSpansPanel } from "@/components/spans/slow-spans-panel";
import { TraceSearchLinks } from "@/components/traces/trace-search-links";
import { chartConfig } from "@/lib/charts/chart-config";
import { hasCacheLookups, toCacheRows, toLatencyRows, toTrafficRows } from "@/lib/charts/endpoint-series";
import { formatBucket, formatStep } from "@/lib/charts/time-axis";
import { versionMarkers } from "@/lib/charts/version-markers";
import { useCaches } from "@/lib/hooks/use-caches";
import { useDashboardUrl } from "@/lib/hooks/use-dashboard-url";
import { useEndpointExemplars } from "@/lib/hooks/use-endpoint-exemplars";
import { useEndpointTimeseries } from "@/lib/hooks/use-endpoint-timeseries";
import { useEndpoints } from "@/lib/hooks/use-endpoints";
import { useServiceVersions } from "@/lib/hooks/use-service-versions";
import { useServices } from "@/lib/hooks/use-services";
import {
  compareHref,
  type EndpointTarget,
  formatSelectionParam,
  parseAutoRefresh,
  parseBucket,
  parseEndpointTarget,
  parseSelection,
  sectionHref,
  withParams,
} from "@/lib/url-state/dashboard-url";
import {
  describeTimeRange,
  describeTimeRangeInline,
  formatInstantParam,
  type TimeRange,
} from "@/lib/url-state/time-range";

/** Charts on this page share a syncId: hovering one shows the same step on all. */
const SYNC_ID = "endpoint";

/** `/endpoints?service=…&endpoint=…`: one endpoint's latency, traffic, cache and slowest requests. */
export function EndpointView() {
  const { search, pathname, range } = useDashboardUrl();
  const target = parseEndpointTarget(search);
  if (!target.ok) {
    return (
      <DashboardShell title="Endpoint">
        <InvalidLinkPanel
          message={target.error}
          fixHref={sectionHref("/", search)}
          fixLabel="Go to the overview"
        />
      </DashboardShell>
    );
  }
  if (!range.ok) {
    return (
      <DashboardShell title={<EndpointTitle target={target.value} />} toolbar={<DashboardToolbar />}>
        <InvalidLinkPanel
          message={range.error}
          fixHref={withParams(pathname, search, { range: "1h", from: null, to: null, bucket: null })}
          fixLabel="Show the last hour"
        />
      </DashboardShell>
    );
  }
  return <EndpointContent target={target.value} range={range.value} />;
}

function EndpointTitle({ target }: { target: EndpointTarget }) {
  return <span className="font-mono text-xl">{target.endpoint}</span>;
}

function EndpointContent({ target, range }: { target: EndpointTarget; range: TimeRange }) {
  const { search, pathname, replace } = useDashboardUrl();
  const autoRefresh = parseAutoRefresh(search, range);
  const bucket = parseBucket(search);
  const selection = parseSelection(search);

  const series = useEndpointTimeseries(target, range, { autoRefresh });
  const summaries = useEndpoints(range, target.service, { autoRefresh });
  const caches = useCaches(range, target.service, { autoRefresh });
  const versions = useServiceVersions(target.service, range, { autoRefresh });

  const data = series.data;
  const stepMs = data?.stepMs ?? 60_000;
  const fetchedAt = series.dataUpdatedAt;
  const rows = useMemo(
    () =>
      data
        ? {
            latency: toLatencyRows(data.points),
            // The API rounds `to` up to a whole minute; the fetch time is when the data really ends.
            traffic: toTrafficRows(data.points, data.stepMs, Math.min(data.to, fetchedAt)),
            cache: toCacheRows(data.points),
          }
        : null,
    [data, fetchedAt],
  );

  const summary = summaries.data?.endpoints.find((e) => e.endpoint === target.endpoint) ?? null;
  // Known only once the totals arrived: then a link to an endpoint without requests says so.
  const unknown = summaries.data !== undefined && summary === null;
  const services = useServices(range, { autoRefresh: autoRefresh && unknown }, unknown);
  const cacheEntry = caches.data?.endpoints.find((e) => e.endpoint === target.endpoint) ?? null;
  const hasLookups = (data ? hasCacheLookups(data.points) : false) || (summary?.cacheLookups ?? 0) > 0;

  // A picked bucket narrows the slowest-requests list to that one step (whose data never
  // changes, so it is not refreshed); the step length comes with the series.
  const picked = bucket !== null && data !== undefined;
  const exemplars = useEndpointExemplars(
    target,
    picked ? { kind: "absolute", from: bucket, to: bucket + stepMs } : range,
    { autoRefresh: autoRefresh && !picked },
  );

  const failures = useEndpointExemplars(
    target,
    picked ? { kind: "absolute", from: bucket, to: bucket + stepMs } : range,
    { autoRefresh: autoRefresh && !picked },
    true,
  );

  const selectBucket = (t: number) =>
    replace(withParams(pathname, search, { bucket: formatInstantParam(t) }));
  // A new service.version is a line on every chart, at the time it was first seen.
  const markers = useMemo(
    () =>
      versions.data && data
        ? versionMarkers(
            versions.data.versions,
            data.points[0]?.t ?? data.from,
            data.points.at(-1)?.t ?? data.from,
            data.stepMs,
          )
        : [],
    [versions.data, data],
  );
  const chartProps = {
    bucketMs: stepMs,
    syncId: SYNC_ID,
    selectedT: bucket,
    onSelectBucket: selectBucket,
    markers,
  };
  const versionCount = versions.data?.versions.length ?? 0;
  const select = (stretch: { from: number; to: number } | null) =>
    replace(
      withParams(pathname, search, {
        select: stretch === null ? null : formatSelectionParam(stretch.from, stretch.to),
      }),
    );
  const rangeLabel = describeTimeRange(range);

  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="mb-1 text-sm text-zinc-500 dark:text-zinc-400">
      <ol className="flex flex-wrap items-center gap-1.5">
        <li>
          <Link
            href={sectionHref("/", search, null)}
            className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            Overview
          </Link>
        </li>
        <li aria-hidden="true">/</li>
        <li>
          <Link
            href={sectionHref("/", search, target.service)}
            className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            {target.service}
          </Link>
        </li>
      </ol>
    </nav>
  );
  // What the slowest and the failed requests lists cover: the picked step, or the whole range.
  const listScope =
    bucket !== null
      ? `In ${formatBucket(bucket, stepMs)}, picked on the charts`
      : `In ${describeTimeRangeInline(range)}`;
  const showWholeRange =
    bucket !== null ? () => replace(withParams(pathname, search, { bucket: null })) : undefined;

  return (
    <DashboardShell
      breadcrumb={breadcrumb}
      title={<EndpointTitle target={target} />}
      subtitle={`${target.service} · ${rangeLabel}`}
      toolbar={<DashboardToolbar status={{ fetching: series.isFetching, updatedAt: series.dataUpdatedAt }} />}
    >
      {unknown ? null : (
        <EndpointSummaryStats
          summary={summary}
          windowMs={summaries.data ? summaries.data.to - summaries.data.from : 0}
          loading={!summaries.data && !summaries.error}
        />
      )}
      <MetricPercentiles target={target} range={range} autoRefresh={autoRefresh} />
      <TraceSearchLinks service={target.service} endpoint={target.endpoint} />
      {versionCount >= 2 ? (
        <p className="-mt-3 text-sm">
          <Link
            href={compareHref(target.service, search)}
            className="text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400"
          >
            Compare {target.service}'s versions
          </Link>{" "}
          <span className="text-zinc-500 dark:text-zinc-400">
            ({versionCount} in this range; the newest against the one before it)
          </span>
        </p>
      ) : null}
      {unknown ? (
        <UnknownEndpoint
          target={target}
          endpoints={(summaries.data?.endpoints ?? []).map((e) => e.endpoint)}
          services={services.data ? services.data.services.map((s) => s.service) : null}
          search={search}
          rangeText={describeTimeRangeInline(range)}
        />
      ) : series.error && !data ? (
        <ErrorPanel
          title="Could not load this endpoint's charts"
          error={series.error}
          onRetry={() => void series.refetch()}
          retrying={series.isFetching}
        />
      ) : !rows ? (
        <ChartsSkeleton />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <Panel
            title="Latency"
            className="lg:col-span-2"
            description={`Per ${formatStep(stepMs)}. Click a point (or focus the chart, move with ← → and press Enter) to list that step's slowest requests; drag across steps to see what their requests have in common.`}
            actions={<ChartLegend items={[chartConfig.p50, chartConfig.p95, chartConfig.p99]} />}
          >
            <LatencyChart
              rows={rows.latency}
              height={260}
              {...chartProps}
              onSelectRange={(from, to) => select({ from, to })}
              selectedRange={selection}
            />
          </Panel>
          <Panel title="Request rate" description={`Averaged over each ${formatStep(stepMs)}`}>
            <RequestRateChart rows={rows.traffic} {...chartProps} />
          </Panel>
          <Panel title="Error rate" description={`Share of requests that failed, per ${formatStep(stepMs)}`}>
            <ErrorRateChart rows={rows.traffic} {...chartProps} />
          </Panel>
          <CachePanels
            rows={rows.cache}
            hasLookups={hasLookups}
            stepMs={stepMs}
            cacheEntry={cacheEntry}
            syncId={SYNC_ID}
            selectedT={bucket}
            onSelectBucket={selectBucket}
          />
          <div className="grid min-w-0 gap-4 lg:col-span-2 lg:grid-cols-2">
            <ExemplarList
              data={exemplars.data}
              error={exemplars.error}
              loading={exemplars.isPlaceholderData}
              scope={listScope}
              onShowWholeRange={showWholeRange}
            />
            <ExemplarList
              errors
              data={failures.data}
              error={failures.error}
              loading={failures.isPlaceholderData}
              scope={listScope}
              onShowWholeRange={showWholeRange}
            />
          </div>
          <InsightsPanel
            service={target.service}
            endpoint={target.endpoint}
            range={range}
            autoRefresh={autoRefresh}
          />
          <OutliersPanel
            target={target}
            range={range}
            autoRefresh={autoRefresh}
            selection={selection}
            picked={bucket === null ? null : { from: bucket, to: bucket + stepMs }}
            onSelect={select}
          />
          <SlowSpansPanel
            service={target.service}
            endpoint={target.endpoint}
            range={range}
            autoRefresh={autoRefresh}
          />
        </div>
      )}
    </DashboardShell>
  );
}

function ChartsSkeleton() {
  return (
    <div role="status" aria-busy="true" className="grid gap-4 lg:grid-cols-2">
      <span className="sr-only">Loading charts…</span>
      <SkeletonBlock className="h-72 lg:col-span-2" />
      <SkeletonBlock className="h-60" />
      <SkeletonBlock className="h-60" />
    </div>
  );
}
