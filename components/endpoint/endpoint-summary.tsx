import { SkeletonBlock, Stat } from "@/components/dashboard/dashboard-states";
import { formatCount, formatLatency, formatPercent, formatRate } from "@/lib/format/metrics";
import type { EndpointSummary } from "@/lib/model/endpoints";

/** The endpoint's totals over the range; null summary = no requests in it. */
export function EndpointSummaryStats({
  summary,
  windowMs,
  loading,
}: {
  summary: EndpointSummary | null;
  windowMs: number;
  loading: boolean;
}) {
  if (loading) {
    return (
      <div className="flex gap-6" aria-hidden="true">
        {[0, 1, 2, 3, 4, 5].map((k) => (
          <SkeletonBlock key={k} className="h-10 w-20" />
        ))}
      </div>
    );
  }
  if (summary === null) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No requests to this endpoint in this range. Pick a longer range, or check the service and endpoint
        names in the link.
      </p>
    );
  }
  return (
    <dl aria-label="Totals over the range" className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
      <Stat label="Requests">{formatCount(summary.count)}</Stat>
      <Stat label="Rate">{formatRate(windowMs > 0 ? summary.count / (windowMs / 1000) : 0)}</Stat>
      <Stat label="Errors" title={`${formatCount(summary.errorCount)} failed requests`}>
        <span className={summary.errorCount > 0 ? "text-red-700 dark:text-red-400" : ""}>
          {formatPercent(summary.count > 0 ? summary.errorRate : null)}
        </span>
      </Stat>
      <Stat label="p50">{formatLatency(summary.p50Ms)}</Stat>
      <Stat label="p95">{formatLatency(summary.p95Ms)}</Stat>
      <Stat label="p99">{formatLatency(summary.p99Ms)}</Stat>
      <Stat
        label="Cache hits"
        title={
          summary.cacheHitRatio === null ? "No cache lookups" : `${formatCount(summary.cacheLookups)} lookups`
        }
      >
        {formatPercent(summary.cacheHitRatio)}
      </Stat>
    </dl>
  );
}
