// How metric types are stored (metric_series.metric_type) and named in the API.

export const MetricType = {
  gauge: 1,
  sum: 2,
  histogram: 3,
  exponentialHistogram: 4,
  summary: 5,
} as const;
export type MetricTypeName = keyof typeof MetricType;
export type MetricTypeCode = (typeof MetricType)[MetricTypeName];

/** OTLP AggregationTemporality. */
export const Temporality = { UNSPECIFIED: 0, DELTA: 1, CUMULATIVE: 2 } as const;
