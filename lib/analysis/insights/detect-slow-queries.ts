// Slow queries: database calls slower than the threshold, one finding per request and normalised
// statement. Saving: the time spent beyond the threshold (what making the query fast enough would
// give back); the per-statement p95 over a window is the query's job (lib/queries/insights).
import { type Call, findingOf, groupBy, sortedByStart } from "@/lib/analysis/insights/call-tree";
import { type Finding, type InsightThresholds, msToNanos } from "@/lib/analysis/insights/finding";

export function detectSlowQueries(calls: readonly Call[], thresholds: InsightThresholds): Finding[] {
  const limit = msToNanos(thresholds.slowQueryMs);
  const slow = calls.filter((c) => c.call.type === "db" && c.key !== null && c.span.durationNano > limit);
  const findings: Finding[] = [];
  for (const group of groupBy(slow, (c) => `${c.request.spanId.toString("latin1")}\u0000${c.key}`).values()) {
    findings.push(
      findingOf("slow_query", sortedByStart(group), {
        key: (group[0] as Call).key ?? "",
        timeSavedNano: group.reduce((total, c) => total + (c.span.durationNano - limit), 0n),
        nearMiss: null,
      }),
    );
  }
  return findings;
}
