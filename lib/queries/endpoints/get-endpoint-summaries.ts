// Requests, errors and p50/p95/p99 per endpoint over a window, with the error rate and p95 of the
// previous window of the same length, merged from the rollups (never from raw spans): GET /api/endpoints.
import type { Db } from "@/lib/db/sql";
import type { EndpointSummary } from "@/lib/model/endpoints";
import type { TimeWindow } from "@/lib/model/time-window";
import { getEndpointCacheTotals } from "@/lib/queries/caches/get-endpoint-cache-totals";
import { type EndpointTotals, getEndpointTotals } from "@/lib/rollups/endpoint-totals";

export async function getEndpointSummaries(
  db: Db,
  window: TimeWindow,
  service?: string,
): Promise<EndpointSummary[]> {
  const length = window.to - window.from;
  const [endpoints, previous, cache] = await Promise.all([
    getEndpointTotals(db, window, service),
    getEndpointTotals(db, { from: window.from - length, to: window.from }, service),
    getEndpointCacheTotals(db, window, service),
  ]);
  return [...endpoints.entries()]
    .map(([key, totals]) => {
      const lookups = cache.get(key);
      return {
        service: totals.service,
        endpoint: totals.endpoint,
        count: totals.requests,
        errorCount: totals.errors,
        errorRate: totals.requests > 0 ? totals.errors / totals.requests : 0,
        ...totals.histogram.percentilesMs(),
        cacheHitRatio: lookups ? lookups.hits / lookups.lookups : null,
        cacheLookups: lookups?.lookups ?? 0,
        previous: previousOf(previous.get(key)),
      };
    })
    .sort((a, b) => a.service.localeCompare(b.service) || b.count - a.count);
}

function previousOf(totals: EndpointTotals | undefined): EndpointSummary["previous"] {
  if (!totals || totals.requests <= 0) return null;
  return {
    count: totals.requests,
    errorCount: totals.errors,
    errorRate: totals.errors / totals.requests,
    p95Ms: totals.histogram.percentilesMs().p95Ms,
  };
}
