// The normalised metric data: one row of `metric_series` per distinct time series and one row of
// `metric_points` per data point, ready for COPY. Produced by lib/ingest/metrics/normalize-metrics.ts,
// written by lib/ingest/metrics/store-metric-points.ts.
import type { ResourceRow } from "@/lib/ingest/shared/normalize-resource";
import type { MetricTypeCode } from "@/lib/model/metric-type";

export interface MetricSeriesRow {
  /** signed 64-bit hash of everything that identifies the series (lib/ingest/metrics/normalize-metrics.ts) */
  seriesId: bigint;
  serviceName: string;
  resourceId: bigint;
  scopeName: string | null;
  scopeVersion: string | null;
  metricName: string;
  description: string | null;
  unit: string | null;
  metricType: MetricTypeCode;
  /** OTLP AggregationTemporality: 0 unspecified (gauge, summary), 1 delta, 2 cumulative */
  aggregationTemporality: number;
  isMonotonic: boolean;
  /** JSON text of the point attributes, keys sorted (NUL-free, valid for jsonb) */
  attributesJson: string;
  /** JSON text of the instrumentation scope's attributes ("{}" when none) */
  scopeAttributesJson: string;
  /** JSON text of Metric.metadata ("{}" when none), as first seen for the series */
  metadataJson: string;
}

export interface MetricPointRow {
  seriesId: bigint;
  timeUnixNano: bigint;
  /** 0 when the sender did not set it */
  startTimeUnixNano: bigint;
  /** gauge/sum value; an int64 point as the nearest double */
  value: number | null;
  /** the exact value of an int64 gauge/sum point */
  intValue: bigint | null;
  /** histogram, exponential histogram or summary fields in OTLP/JSON form (64-bit counts as strings) */
  histogramJson: string | null;
  exemplarsJson: string | null;
  /** DataPointFlags (uint32 on the wire) read as a signed INTEGER */
  flags: number;
}

/** The outcome of normalising one metrics export request. */
export interface NormalizedMetricBatch {
  points: MetricPointRow[];
  series: MetricSeriesRow[];
  resources: ResourceRow[];
  /** data points dropped as invalid, reported back as partial_success */
  rejectedDataPoints: number;
  /** one human-readable reason ("" when nothing was rejected) */
  rejectionMessage: string;
}
