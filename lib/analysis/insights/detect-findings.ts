// Every detector over one trace, from its spans alone (pure: the insights analyser stores the result).
import { callsOf } from "@/lib/analysis/insights/call-tree";
import { detectNPlusOne } from "@/lib/analysis/insights/detect-n-plus-one";
import { detectSequentialCalls } from "@/lib/analysis/insights/detect-sequential-calls";
import type { Finding, InsightThresholds } from "@/lib/analysis/insights/finding";
import { type StatementStats, statementStatsOf } from "@/lib/analysis/insights/statement-stats";
import type { AnalysisSpan } from "@/lib/analysis/trace-analyzer";

export interface TraceInsights {
  /** N+1 and sequential calls, near misses included */
  findings: Finding[];
  /** what each request's database statements took: slow queries are judged over a window from these */
  statements: StatementStats[];
}

export function detectFindings(spans: readonly AnalysisSpan[], thresholds: InsightThresholds): TraceInsights {
  const calls = callsOf(spans);
  if (calls.length === 0) return { findings: [], statements: [] };
  return {
    findings: [...detectNPlusOne(calls, thresholds), ...detectSequentialCalls(calls, thresholds)],
    statements: statementStatsOf(calls, thresholds),
  };
}
