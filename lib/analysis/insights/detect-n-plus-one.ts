// N+1: the same statement (or parameterised URL) called again and again under one parent, where
// one batched call would do. Calls are grouped by direct parent and call key only, so other spans
// in between (pg's `pg-pool.connect` before every query, a framework's handler span holding the
// queries instead of the SERVER span) neither hide nor split the group.
// Saving: every call but the slowest (one batched call costs about one call).
import { type Call, findingOf, groupBy, sortedByStart } from "@/lib/analysis/insights/call-tree";
import {
  type Finding,
  type InsightThresholds,
  maxOf,
  msText,
  msToNanos,
} from "@/lib/analysis/insights/finding";

export function detectNPlusOne(calls: readonly Call[], thresholds: InsightThresholds): Finding[] {
  const findings: Finding[] = [];
  const repeatable = calls.filter((c) => c.key !== null && (c.call.type === "db" || c.call.type === "http"));
  for (const group of groupBy(repeatable, (c) => `${c.parentKey}\u0000${c.key}`).values()) {
    const durations = group.map((c) => c.span.durationNano);
    const total = durations.reduce((sum, d) => sum + d, 0n);
    const minTotal = msToNanos(thresholds.nPlusOneMinTotalMs);
    // near misses: one call short of the count, or at least half the time
    let nearMiss: string | null = null;
    if (group.length < thresholds.nPlusOneMinCount) {
      if (group.length < Math.max(2, thresholds.nPlusOneMinCount - 1) || total * 2n < minTotal) continue;
      nearMiss = `${group.length} repeated calls: below the threshold of ${thresholds.nPlusOneMinCount}`;
    } else if (total < minTotal) {
      if (total * 2n < minTotal) continue;
      nearMiss = `${group.length} repeated calls totalling ${msText(total)}: below ${thresholds.nPlusOneMinTotalMs} ms`;
    }
    const slowest = maxOf(durations);
    findings.push(
      findingOf("n_plus_one", sortedByStart(group), {
        key: (group[0] as Call).key ?? "",
        timeSavedNano: total - slowest,
        nearMiss,
      }),
    );
  }
  return findings;
}
