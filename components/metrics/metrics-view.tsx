"use client";

import {
  DashboardShell,
  EmptyPanel,
  ErrorPanel,
  InvalidLinkPanel,
  Panel,
  SkeletonBlock,
} from "@/components/dashboard/dashboard-states";
import { DashboardToolbar } from "@/components/dashboard/dashboard-toolbar";
import { MetricChart } from "@/components/metrics/metric-chart";
import { MetricList } from "@/components/metrics/metric-list";
import { MetricQueryControls } from "@/components/metrics/metric-query-controls";
import { displayUnit } from "@/lib/charts/metric-series";
import { formatStep } from "@/lib/charts/time-axis";
import { useDashboardUrl } from "@/lib/hooks/use-dashboard-url";
import { useMetricQuery } from "@/lib/hooks/use-metric-query";
import { useMetrics } from "@/lib/hooks/use-metrics";
import type { MetricSummary } from "@/lib/metrics/metric-schemas";
import { parseAutoRefresh, parseServiceFilter, withParams } from "@/lib/url-state/dashboard-url";
import { type MetricsQueryState, metricsHref, parseMetricsQuery } from "@/lib/url-state/metrics-url";
import { describeTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/** `/metrics?metric=…&stat=…&groupBy=…&filter=k=v`: explore any metric the services send. */
export function MetricsView() {
  const { search, pathname, range } = useDashboardUrl();
  if (!range.ok) {
    return (
      <DashboardShell title="Metrics" toolbar={<DashboardToolbar />}>
        <InvalidLinkPanel
          message={range.error}
          fixHref={withParams(pathname, search, { range: "1h", from: null, to: null })}
          fixLabel="Show the last hour"
        />
      </DashboardShell>
    );
  }
  return <MetricsContent range={range.value} />;
}

function MetricsContent({ range }: { range: TimeRange }) {
  const { search, latestSearch, pathname, push, replace } = useDashboardUrl();
  const autoRefresh = parseAutoRefresh(search, range);
  const service = parseServiceFilter(search);
  const state = parseMetricsQuery(search);
  const metrics = useMetrics(range, service, { autoRefresh });
  const selected = metrics.data?.metrics.find((m) => m.name === state.metric) ?? null;

  const hrefFor = (m: MetricSummary) =>
    metricsHref(pathname, search, {
      metric: m.name,
      stat: null,
      groupBy: [],
      filters: [],
      view: null,
      search: state.search,
    });

  return (
    <DashboardShell
      title="Metrics"
      subtitle={`${service ? `${service} · ` : ""}${describeTimeRange(range)}`}
      toolbar={
        <DashboardToolbar status={{ fetching: metrics.isFetching, updatedAt: metrics.dataUpdatedAt }} />
      }
    >
      {metrics.error && !metrics.data ? (
        <ErrorPanel
          title="Could not load the metrics"
          error={metrics.error}
          onRetry={() => void metrics.refetch()}
          retrying={metrics.isFetching}
        />
      ) : null}
      <div className="grid min-w-0 gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <MetricList
          metrics={metrics.data?.metrics}
          loading={metrics.isLoading}
          search={state.search}
          onSearch={(text) => replace(metricsHref(pathname, search, { ...state, search: text }))}
          selected={state.metric}
          hrefFor={hrefFor}
        />
        {state.metric === null ? (
          <EmptyPanel title="Pick a metric">
            <p>Choose a metric on the left to chart it; then pick a statistic, a group-by and filters.</p>
          </EmptyPanel>
        ) : (
          <MetricPanel
            state={{ ...state, metric: state.metric }}
            summary={selected}
            loadingList={metrics.isLoading}
            service={service}
            range={range}
            autoRefresh={autoRefresh}
            onChange={(next) => {
              // Only the fields this control changed, onto the newest query: a second change made
              // before the first one's navigation has rendered keeps the first.
              const latest = latestSearch();
              const merged: MetricsQueryState = { ...parseMetricsQuery(latest) };
              for (const key of Object.keys(next) as (keyof MetricsQueryState)[]) {
                if (JSON.stringify(next[key]) !== JSON.stringify(state[key])) {
                  (merged as unknown as Record<string, unknown>)[key] = next[key];
                }
              }
              push(metricsHref(pathname, latest, merged));
            }}
          />
        )}
      </div>
    </DashboardShell>
  );
}

function MetricPanel({
  state,
  summary,
  loadingList,
  service,
  range,
  autoRefresh,
  onChange,
}: {
  state: MetricsQueryState & { metric: string };
  summary: MetricSummary | null;
  loadingList: boolean;
  service: string | null;
  range: TimeRange;
  autoRefresh: boolean;
  onChange: (next: MetricsQueryState) => void;
}) {
  const query = useMetricQuery(state, service, range, { autoRefresh });
  const data = query.data;
  const unit = displayUnit(data?.unit ?? summary?.unit ?? null);
  const description = data
    ? `${data.heatmap !== undefined ? "measurements per bucket" : data.stat} per ${formatStep(data.stepMs)}${unit ? `, in ${unit}` : ""}${summary?.description ? ` — ${summary.description}` : ""}`
    : (summary?.description ?? undefined);
  return (
    <Panel title={state.metric} description={description} className="min-w-0">
      {summary ? (
        <MetricQueryControls key={summary.name} metric={summary} state={state} onChange={onChange} />
      ) : !loadingList ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          This metric has no points in this time range.
        </p>
      ) : null}
      {query.error && !data ? (
        <ErrorPanel
          title="Could not chart this metric"
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : !data ? (
        <SkeletonBlock className="h-72" />
      ) : data.series.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No data points match this query.</p>
      ) : (
        <MetricChart data={data} />
      )}
    </Panel>
  );
}
