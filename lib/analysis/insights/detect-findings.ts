// Every detector over one trace, from its spans alone (pure: the insights analyser stores the result).
import { callsOf } from "@/lib/analysis/insights/call-tree";
import { detectNPlusOne } from "@/lib/analysis/insights/detect-n-plus-one";
import { detectSequentialCalls } from "@/lib/analysis/insights/detect-sequential-calls";
import { detectSlowQueries } from "@/lib/analysis/insights/detect-slow-queries";
import type { Finding, InsightThresholds } from "@/lib/analysis/insights/finding";
import type { AnalysisSpan } from "@/lib/analysis/trace-analyzer";

export function detectFindings(spans: readonly AnalysisSpan[], thresholds: InsightThresholds): Finding[] {
  const calls = callsOf(spans);
  if (calls.length === 0) return [];
  return [
    ...detectNPlusOne(calls, thresholds),
    ...detectSequentialCalls(calls, thresholds),
    ...detectSlowQueries(calls, thresholds),
  ];
}
