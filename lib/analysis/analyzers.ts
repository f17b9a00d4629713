// The analysers the scheduler runs, in order. A new detector is one entry here.
import { cacheAttributionAnalyzer } from "@/lib/analysis/cache-attribution/cache-attribution-analyzer";
import type { TraceAnalyzer } from "@/lib/analysis/trace-analyzer";

export const TRACE_ANALYZERS: readonly TraceAnalyzer[] = [cacheAttributionAnalyzer as TraceAnalyzer];
