// Slow queries are a property of a statement, not of one call: `slow_query` flags a normalised
// statement whose p95 over a window is above INSIGHTS_SLOW_QUERY_MS. A window's p95 needs every
// call, fast ones included, so the analyser records per request and statement what its calls
// took (count, total, a mergeable latency histogram) and which were over the threshold;
// lib/queries/insights/get-slow-queries.ts merges them over the window.
import { type Call, groupBy, idKey, sortedByStart } from "@/lib/analysis/insights/call-tree";
import { type InsightThresholds, msToNanos } from "@/lib/analysis/insights/finding";
import { packDurations } from "@/lib/rollups/latency-histogram";

export interface StatementStats {
  requestSpanId: Buffer;
  service: string;
  endpoint: string;
  requestStartNano: bigint;
  /** the normalised statement */
  key: string;
  calls: number;
  totalNano: bigint;
  /** the calls' durations as a packed histogram literal (lib/rollups/latency-histogram.ts) */
  histogram: string;
  slowestSpanId: Buffer;
  slowestNano: bigint;
  /** calls over the threshold, by start */
  slowSpanIds: Buffer[];
  /** the time those calls spent beyond the threshold: what making them fast enough would save */
  excessNano: bigint;
}

export function statementStatsOf(calls: readonly Call[], thresholds: InsightThresholds): StatementStats[] {
  const limit = msToNanos(thresholds.slowQueryMs);
  const statements = calls.filter((c) => c.call.type === "db" && c.key !== null);
  const stats: StatementStats[] = [];
  for (const group of groupBy(statements, (c) => `${idKey(c.request.spanId)}\u0000${c.key}`).values()) {
    const ordered = sortedByStart(group);
    const first = ordered[0] as Call;
    let totalNano = 0n;
    let slowest = first;
    let excessNano = 0n;
    const slowSpanIds: Buffer[] = [];
    for (const c of ordered) {
      totalNano += c.span.durationNano;
      if (c.span.durationNano > slowest.span.durationNano) slowest = c;
      if (c.span.durationNano > limit) {
        slowSpanIds.push(c.span.spanId);
        excessNano += c.span.durationNano - limit;
      }
    }
    stats.push({
      requestSpanId: first.request.spanId,
      service: first.request.serviceName,
      endpoint: first.request.endpoint ?? "",
      requestStartNano: first.request.startTimeUnixNano,
      key: first.key ?? "",
      calls: ordered.length,
      totalNano,
      histogram: packDurations(ordered.map((c) => Number(c.span.durationNano))),
      slowestSpanId: slowest.span.spanId,
      slowestNano: slowest.span.durationNano,
      slowSpanIds,
      excessNano,
    });
  }
  return stats;
}
