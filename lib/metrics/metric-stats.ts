// Which statistics each metric type offers (GET /api/metrics/query?stat=): shared by the query,
// its route's 400 messages and the /metrics page's stat picker. Isomorphic.

export const METRIC_TYPES = ["sum", "gauge", "histogram", "exponential_histogram", "summary"] as const;
export type MetricTypeName = (typeof METRIC_TYPES)[number];

/** metric_series.metric_type → its API name (lib/ingest/metric-row.ts MetricType). */
export const METRIC_TYPE_NAMES: Record<number, MetricTypeName> = {
  1: "gauge",
  2: "sum",
  3: "histogram",
  4: "exponential_histogram",
  5: "summary",
};

const HISTOGRAM_STATS = ["p50", "p90", "p95", "p99", "avg", "count", "sum"] as const;

export const STATS_BY_TYPE = {
  sum: ["sum", "rate"],
  gauge: ["last", "avg", "min", "max"],
  histogram: HISTOGRAM_STATS,
  exponential_histogram: HISTOGRAM_STATS,
  // Summary quantiles cannot be merged across series or time: only their count and sum are offered.
  summary: ["count", "sum", "avg"],
} as const satisfies Record<MetricTypeName, readonly string[]>;

export type MetricStat = (typeof STATS_BY_TYPE)[MetricTypeName][number];

/** The stat a chart starts with. */
export const DEFAULT_STAT: Record<MetricTypeName, MetricStat> = {
  sum: "rate",
  gauge: "avg",
  histogram: "p95",
  exponential_histogram: "p95",
  summary: "avg",
};

export function statsFor(type: MetricTypeName): readonly MetricStat[] {
  return STATS_BY_TYPE[type];
}

/** 0.95 for "p95"; null for a stat that is not a quantile. */
export function quantileOf(stat: MetricStat): number | null {
  const match = /^p(\d\d)$/.exec(stat);
  return match ? Number(match[1]) / 100 : null;
}

/** The attribute key that stands for the resource's service.name (a column, not a point attribute). */
export const SERVICE_KEY = "service.name";
