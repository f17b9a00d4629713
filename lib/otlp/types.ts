// The decoded form of an OTLP trace export request, shared by the protobuf and JSON decoders.
// It mirrors opentelemetry/proto/trace/v1/trace.proto with JS types: ids as raw bytes, times as
// exact bigint nanoseconds, attribute values already in their JSON-ready form.

import type { Attributes } from "@/lib/model/attribute-value";

export interface OtlpTraceRequest {
  resourceSpans: OtlpResourceSpans[];
}

export interface OtlpResourceSpans {
  resource: OtlpResource;
  scopeSpans: OtlpScopeSpans[];
}

export interface OtlpResource {
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface OtlpScope {
  name: string;
  version: string;
  /** InstrumentationScope.attributes; read for metrics (stored on metric_series) */
  attributes?: Attributes;
}

export interface OtlpScopeSpans {
  scope: OtlpScope;
  spans: OtlpSpan[];
}

export interface OtlpStatus {
  /** 0 unset, 1 ok, 2 error */
  code: number;
  message: string;
}

export interface OtlpEvent {
  timeUnixNano: bigint;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface OtlpLink {
  traceId: Uint8Array;
  spanId: Uint8Array;
  traceState: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
}

export interface OtlpSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  /** empty for a root span */
  parentSpanId: Uint8Array;
  traceState: string;
  flags: number;
  name: string;
  /** 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: OtlpEvent[];
  droppedEventsCount: number;
  links: OtlpLink[];
  droppedLinksCount: number;
  status: OtlpStatus;
}

/** Thrown by decoders for a body that is not a valid request; the message is shown to the sender. */
export class OtlpDecodeError extends Error {
  override name = "OtlpDecodeError";
}

// ── Metrics ─────────────────────────────────────────────────────────────────────────────────────
// The decoded form of an OTLP metrics export request (opentelemetry/proto/metrics/v1/metrics.proto),
// shared by the protobuf and JSON decoders. 64-bit counts and int values stay exact as bigint.

export interface OtlpMetricsRequest {
  resourceMetrics: OtlpResourceMetrics[];
}

export interface OtlpResourceMetrics {
  resource: OtlpResource;
  scopeMetrics: OtlpScopeMetrics[];
}

export interface OtlpScopeMetrics {
  scope: OtlpScope;
  metrics: OtlpMetric[];
}

export interface OtlpMetric {
  name: string;
  description: string;
  unit: string;
  /** Metric.metadata: extra key/values about the metric (not per point); rarely sent */
  metadata: Attributes;
  /** null when none of the known data fields is set (e.g. a type added after this decoder) */
  data: OtlpMetricData | null;
}

/** AggregationTemporality: 0 unspecified, 1 delta, 2 cumulative. */
export type OtlpMetricData =
  | { type: "gauge"; dataPoints: OtlpNumberDataPoint[] }
  | {
      type: "sum";
      dataPoints: OtlpNumberDataPoint[];
      aggregationTemporality: number;
      isMonotonic: boolean;
    }
  | { type: "histogram"; dataPoints: OtlpHistogramDataPoint[]; aggregationTemporality: number }
  | {
      type: "exponentialHistogram";
      dataPoints: OtlpExponentialHistogramDataPoint[];
      aggregationTemporality: number;
    }
  | { type: "summary"; dataPoints: OtlpSummaryDataPoint[] };

export type OtlpMetricType = OtlpMetricData["type"];

/** as_double → number, as_int → bigint, neither set → null. */
export type OtlpNumberValue = number | bigint | null;

interface OtlpDataPointBase {
  attributes: Attributes;
  /** 0 when not set */
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  /** DataPointFlags; bit 0 = no recorded value */
  flags: number;
}

export interface OtlpExemplar {
  filteredAttributes: Attributes;
  timeUnixNano: bigint;
  value: OtlpNumberValue;
  /** empty when the measurement was not in a sampled span */
  spanId: Uint8Array;
  traceId: Uint8Array;
}

export interface OtlpNumberDataPoint extends OtlpDataPointBase {
  value: OtlpNumberValue;
  exemplars: OtlpExemplar[];
}

export interface OtlpHistogramDataPoint extends OtlpDataPointBase {
  count: bigint;
  sum: number | null;
  bucketCounts: bigint[];
  explicitBounds: number[];
  min: number | null;
  max: number | null;
  exemplars: OtlpExemplar[];
}

export interface OtlpExponentialBuckets {
  offset: number;
  bucketCounts: bigint[];
}

export interface OtlpExponentialHistogramDataPoint extends OtlpDataPointBase {
  count: bigint;
  sum: number | null;
  scale: number;
  zeroCount: bigint;
  positive: OtlpExponentialBuckets;
  negative: OtlpExponentialBuckets;
  min: number | null;
  max: number | null;
  zeroThreshold: number;
  exemplars: OtlpExemplar[];
}

export interface OtlpValueAtQuantile {
  quantile: number;
  value: number;
}

export interface OtlpSummaryDataPoint extends OtlpDataPointBase {
  count: bigint;
  sum: number;
  quantileValues: OtlpValueAtQuantile[];
}
