// Sequential calls: different calls under one parent that run one after another although nothing
// shows that one needs the other, so running them at once would save (sum − slowest). Calls that
// repeat one key are the N+1 detector's; a parent whose calls overlap at all already runs them in
// parallel and never trips it. Reported only when the saving is worth it both in milliseconds
// and as a share of the request.
import { type Call, findingOf, groupBy, sortedByStart } from "@/lib/analysis/insights/call-tree";
import {
  type Finding,
  type InsightThresholds,
  maxOf,
  msText,
  msToNanos,
} from "@/lib/analysis/insights/finding";

export function detectSequentialCalls(calls: readonly Call[], thresholds: InsightThresholds): Finding[] {
  const findings: Finding[] = [];
  const keyed = calls.filter((c) => c.key !== null);
  for (const siblings of groupBy(keyed, (c) => c.parentKey).values()) {
    // one call per key (the first): repeats of a key are N+1 material, not independent calls
    const distinct = [...groupBy(sortedByStart(siblings), (c) => c.key ?? "").values()].map(
      (g) => g[0] as Call,
    );
    if (distinct.length < 2) continue;
    const ordered = sortedByStart(distinct);
    if (ordered.some((c, i) => i > 0 && c.start < (ordered[i - 1] as Call).end)) continue;
    const durations = ordered.map((c) => c.span.durationNano);
    const sum = durations.reduce((total, d) => total + d, 0n);
    const slowest = maxOf(durations);
    const saved = sum - slowest;
    const request = (ordered[0] as Call).request;
    const minSaved = msToNanos(thresholds.sequentialMinSavedMs);
    const minShare = thresholds.sequentialMinSavedShare * Number(request.durationNano);
    // near misses: at least half the saving needed
    let nearMiss: string | null = null;
    if (saved < minSaved) {
      if (saved * 2n < minSaved) continue;
      nearMiss = `running them at once would save ${msText(saved)}: below ${thresholds.sequentialMinSavedMs} ms`;
    } else if (Number(saved) < minShare) {
      if (Number(saved) * 2 < minShare) continue;
      nearMiss = `running them at once would save ${((100 * Number(saved)) / Number(request.durationNano)).toFixed(1)} % of the request: below ${thresholds.sequentialMinSavedShare * 100} %`;
    }
    findings.push(
      findingOf("sequential_calls", ordered, {
        key: ordered.map((c) => c.key).join(" | "),
        timeSavedNano: saved,
        nearMiss,
      }),
    );
  }
  return findings;
}
