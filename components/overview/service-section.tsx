import { useId, useMemo } from "react";
import { Sparkline } from "@/components/charts/sparkline";
import { SkeletonBlock, Stat } from "@/components/dashboard/dashboard-states";
import { Change } from "@/components/overview/change-badge";
import { EndpointTable } from "@/components/overview/endpoint-table";
import { TraceSearchLinks } from "@/components/traces/trace-search-links";
import { chartConfig } from "@/lib/charts/chart-config";
import type { EndpointRow } from "@/lib/charts/endpoint-table";
import { serviceTrouble } from "@/lib/charts/service-ranking";
import { toSparklineRows } from "@/lib/charts/service-sparklines";
import { formatCount, formatLatency, formatPercent, formatRateIn, type RateUnit } from "@/lib/format/metrics";
import type { ServiceSummary } from "@/lib/model/endpoints";
import type { EndpointSort, EndpointSortKey } from "@/lib/url-state/dashboard-url";

interface ServiceSectionProps {
  summary: ServiceSummary;
  /** null while the endpoint list loads */
  rows: readonly EndpointRow[] | null;
  sort: EndpointSort;
  onSort: (key: EndpointSortKey) => void;
  hrefFor: (row: EndpointRow) => string;
  /** the range inside a sentence: "the last hour" */
  rangeText: string;
  /** the sparklines' step, and when their data ends (the fetch time for a range ending now) */
  stepMs: number;
  endMs: number;
  /** one unit for every rate on the page: services' and endpoints' (no "0.137/s" beside "3.28/min") */
  rateUnit: RateUnit;
}

/** One service: its totals, their change and trends, then its endpoints. */
export function ServiceSection({
  summary,
  rows,
  sort,
  onSort,
  hrefFor,
  rangeText,
  stepMs,
  endMs,
  rateUnit,
}: ServiceSectionProps) {
  const headingId = useId();
  const trouble = serviceTrouble(summary);
  const sparkline = useMemo(
    () => toSparklineRows(summary.sparkline, stepMs, endMs),
    [summary.sparkline, stepMs, endMs],
  );
  return (
    <section
      id={`service-${encodeURIComponent(summary.service)}`}
      aria-labelledby={headingId}
      className="overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-center gap-x-8 gap-y-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h2
          id={headingId}
          className="min-w-0 flex-1 basis-48 truncate text-base font-semibold"
          title={summary.service}
        >
          {summary.service}
        </h2>
        <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <Stat label="Requests" title={`${formatCount(summary.count)} requests`}>
            {formatRateIn(summary.requestRate, rateUnit)}
          </Stat>
          <Stat label="Errors" title={`${formatCount(summary.errorCount)} failed requests`}>
            <span className={summary.errorCount > 0 ? "text-red-700 dark:text-red-400" : ""}>
              {formatPercent(summary.count > 0 ? summary.errorRate : null)}
            </span>
            <Change change={trouble.errorRateChange} what="error rate" />
          </Stat>
          <Stat label="p50">{formatLatency(summary.p50Ms)}</Stat>
          <Stat label="p95">
            {formatLatency(summary.p95Ms)}
            <Change change={trouble.p95Change} what="p95" />
          </Stat>
          <Stat label="p99">{formatLatency(summary.p99Ms)}</Stat>
        </dl>
        <div className="flex gap-2">
          <Sparkline
            points={sparkline}
            dataKey="rate"
            color={chartConfig.rate.color}
            label={`Requests of ${summary.service} over ${rangeText}`}
          />
          <Sparkline
            points={sparkline}
            dataKey="errorRate"
            color={chartConfig.errorRate.color}
            label={`Failed requests of ${summary.service} over ${rangeText}`}
          />
          <Sparkline
            points={sparkline}
            dataKey="p95Ms"
            color={chartConfig.p95.color}
            label={`p95 of ${summary.service} over ${rangeText}`}
          />
        </div>
        <TraceSearchLinks service={summary.service} />
      </div>
      {rows === null ? (
        <div className="flex flex-col gap-2 p-4" aria-hidden="true">
          <SkeletonBlock className="h-4 w-3/4" />
          <SkeletonBlock className="h-4 w-2/3" />
        </div>
      ) : rows.length === 0 ? (
        <p className="px-4 py-3 text-sm text-zinc-500 dark:text-zinc-400">No endpoints in this range.</p>
      ) : (
        <EndpointTable
          service={summary.service}
          rows={rows}
          sort={sort}
          onSort={onSort}
          hrefFor={hrefFor}
          rateUnit={rateUnit}
        />
      )}
    </section>
  );
}

/** The overview's shape while the first answer loads. */
export function OverviewSkeleton() {
  return (
    <div role="status" aria-busy="true" className="flex flex-col gap-4">
      <span className="sr-only">Loading services…</span>
      {[0, 1].map((k) => (
        <div key={k} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <div className="flex items-center gap-8">
            <SkeletonBlock className="h-5 w-40" />
            <SkeletonBlock className="h-8 w-64" />
            <SkeletonBlock className="ml-auto h-8 w-36" />
          </div>
          <div className="mt-4 flex flex-col gap-2">
            <SkeletonBlock className="h-4 w-full" />
            <SkeletonBlock className="h-4 w-5/6" />
            <SkeletonBlock className="h-4 w-4/6" />
          </div>
        </div>
      ))}
    </div>
  );
}
