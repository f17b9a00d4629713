// The analysers the scheduler runs, in order. A new detector is one entry here.
import { cacheAttributionAnalyzer } from "@/lib/analysis/cache-attribution/cache-attribution-analyzer";
import { DEFAULT_THRESHOLDS, type InsightThresholds } from "@/lib/analysis/insights/finding";
import { insightsAnalyzer } from "@/lib/analysis/insights/insights-analyzer";
import type { TraceAnalyzer } from "@/lib/analysis/trace-analyzer";

export function traceAnalyzers(thresholds: InsightThresholds = DEFAULT_THRESHOLDS): readonly TraceAnalyzer[] {
  return [cacheAttributionAnalyzer as TraceAnalyzer, insightsAnalyzer(thresholds) as TraceAnalyzer];
}

export const TRACE_ANALYZERS: readonly TraceAnalyzer[] = traceAnalyzers();
