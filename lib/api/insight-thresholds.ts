// The detectors' thresholds the insights query needs at read time: slow_query judges a statement's
// p95 over the window against INSIGHTS_SLOW_QUERY_MS when it is read (docs/insights.md).
import { loadConfig } from "@/lib/config";

export function slowQueryThresholdMs(): number {
  return loadConfig().analysis.insights.slowQueryMs;
}
