// One metrics query, parsed (lib/api/metric-query-params.ts) and answered
// (lib/queries/metrics/get-metric-query.ts).
import type { MetricStat } from "@/lib/metrics/metric-stats";
import type { TimeWindow } from "@/lib/model/time-window";

export interface MetricQueryParams {
  name: string;
  service: string | null;
  window: TimeWindow;
  stepMs: number;
  /** null: the type's default (lib/metrics/metric-stats.ts DEFAULT_STAT) */
  stat: MetricStat | null;
  groupBy: string[];
  filters: [string, string][];
  /** histograms only: also the buckets per step, merged across all selected series */
  heatmap: boolean;
}
