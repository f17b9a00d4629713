// OTLP/protobuf metrics export body (opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest)
// → OtlpMetricsRequest. Field numbers from opentelemetry/proto/metrics/v1/metrics.proto (v1.x);
// unknown fields (schema_url, the int_* types removed in 2021) are skipped.
// Repeated scalars are accepted packed (the proto3 default) and unpacked, as the protobuf rules require.

import type { Attributes } from "@/lib/model/attribute-value";
import type {
  OtlpExemplar,
  OtlpExponentialBuckets,
  OtlpExponentialHistogramDataPoint,
  OtlpHistogramDataPoint,
  OtlpMetric,
  OtlpMetricData,
  OtlpMetricsRequest,
  OtlpNumberDataPoint,
  OtlpNumberValue,
  OtlpResource,
  OtlpResourceMetrics,
  OtlpScope,
  OtlpScopeMetrics,
  OtlpSummaryDataPoint,
  OtlpValueAtQuantile,
} from "@/lib/otlp/types";
import { readKeyValue } from "./decode-any-value-proto";
import { fixed64, len, readResource, readScope, varint } from "./decode-common-proto";
import { ProtoReader } from "./protobuf-reader";

const EMPTY: Uint8Array = new Uint8Array(0);

/** Decodes an ExportMetricsServiceRequest; throws OtlpDecodeError for any malformed body. */
export function decodeMetricsRequestProto(body: Uint8Array): OtlpMetricsRequest {
  const r = new ProtoReader(body);
  const resourceMetrics: OtlpResourceMetrics[] = [];
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) resourceMetrics.push(readResourceMetrics(r));
    else r.skip(tag);
  }
  return { resourceMetrics };
}

function readResourceMetrics(r: ProtoReader): OtlpResourceMetrics {
  const outer = r.enter();
  let resource: OtlpResource = { attributes: {}, droppedAttributesCount: 0 };
  const scopeMetrics: OtlpScopeMetrics[] = [];
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) resource = readResource(r);
    else if (tag === len(2)) scopeMetrics.push(readScopeMetrics(r));
    else r.skip(tag);
  }
  r.leave(outer);
  return { resource, scopeMetrics };
}

function readScopeMetrics(r: ProtoReader): OtlpScopeMetrics {
  const outer = r.enter();
  let scope: OtlpScope = { name: "", version: "" };
  const metrics: OtlpMetric[] = [];
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(2)) metrics.push(readMetric(r));
    else if (tag === len(1)) scope = readScope(r);
    else r.skip(tag);
  }
  r.leave(outer);
  return { scope, metrics };
}

function readMetric(r: ProtoReader): OtlpMetric {
  const outer = r.enter();
  let name = "";
  let description = "";
  let unit = "";
  const metadata: Attributes = {};
  let data: OtlpMetricData | null = null;
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) name = r.string();
    else if (tag === len(2)) description = r.string();
    else if (tag === len(3)) unit = r.string();
    // oneof data: the last one on the wire wins, as for any protobuf oneof
    else if (tag === len(5)) data = { type: "gauge", dataPoints: readNumberPoints(r).dataPoints };
    else if (tag === len(7)) data = { type: "sum", ...readNumberPoints(r) };
    else if (tag === len(9)) data = { type: "histogram", ...readHistogram(r) };
    else if (tag === len(10)) data = { type: "exponentialHistogram", ...readExponentialHistogram(r) };
    else if (tag === len(11)) data = { type: "summary", ...readSummary(r) };
    else if (tag === len(12)) readKeyValue(r, metadata, 0);
    else r.skip(tag);
  }
  r.leave(outer);
  return { name, description, unit, metadata, data };
}

/** Gauge {1 data_points} and Sum {1 data_points, 2 aggregation_temporality, 3 is_monotonic}. */
function readNumberPoints(r: ProtoReader): {
  dataPoints: OtlpNumberDataPoint[];
  aggregationTemporality: number;
  isMonotonic: boolean;
} {
  const outer = r.enter();
  const dataPoints: OtlpNumberDataPoint[] = [];
  let aggregationTemporality = 0;
  let isMonotonic = false;
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) dataPoints.push(readNumberDataPoint(r));
    else if (tag === varint(2)) aggregationTemporality = r.varint32() | 0;
    else if (tag === varint(3)) isMonotonic = r.bool();
    else r.skip(tag);
  }
  r.leave(outer);
  return { dataPoints, aggregationTemporality, isMonotonic };
}

function readNumberDataPoint(r: ProtoReader): OtlpNumberDataPoint {
  const outer = r.enter();
  const attributes: Attributes = {};
  let startTimeUnixNano = 0n;
  let timeUnixNano = 0n;
  let value: OtlpNumberValue = null;
  const exemplars: OtlpExemplar[] = [];
  let flags = 0;
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(7)) readKeyValue(r, attributes, 0);
    else if (tag === fixed64(2)) startTimeUnixNano = r.fixed64();
    else if (tag === fixed64(3)) timeUnixNano = r.fixed64();
    else if (tag === fixed64(4)) value = r.double();
    else if (tag === fixed64(6)) value = sfixed64(r);
    else if (tag === len(5)) exemplars.push(readExemplar(r));
    else if (tag === varint(8)) flags = r.varint32();
    else r.skip(tag);
  }
  r.leave(outer);
  return { attributes, startTimeUnixNano, timeUnixNano, flags, value, exemplars };
}

function readHistogram(r: ProtoReader): {
  dataPoints: OtlpHistogramDataPoint[];
  aggregationTemporality: number;
} {
  const outer = r.enter();
  const dataPoints: OtlpHistogramDataPoint[] = [];
  let aggregationTemporality = 0;
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) dataPoints.push(readHistogramDataPoint(r));
    else if (tag === varint(2)) aggregationTemporality = r.varint32() | 0;
    else r.skip(tag);
  }
  r.leave(outer);
  return { dataPoints, aggregationTemporality };
}

function readHistogramDataPoint(r: ProtoReader): OtlpHistogramDataPoint {
  const outer = r.enter();
  const point: OtlpHistogramDataPoint = {
    attributes: {},
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    flags: 0,
    count: 0n,
    sum: null,
    bucketCounts: [],
    explicitBounds: [],
    min: null,
    max: null,
    exemplars: [],
  };
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(9)) readKeyValue(r, point.attributes, 0);
    else if (tag === fixed64(2)) point.startTimeUnixNano = r.fixed64();
    else if (tag === fixed64(3)) point.timeUnixNano = r.fixed64();
    else if (tag === fixed64(4)) point.count = r.fixed64();
    else if (tag === fixed64(5)) point.sum = r.double();
    else if (tag === len(6)) readPacked(r, () => point.bucketCounts.push(r.fixed64()));
    else if (tag === fixed64(6)) point.bucketCounts.push(r.fixed64());
    else if (tag === len(7)) readPacked(r, () => point.explicitBounds.push(r.double()));
    else if (tag === fixed64(7)) point.explicitBounds.push(r.double());
    else if (tag === len(8)) point.exemplars.push(readExemplar(r));
    else if (tag === varint(10)) point.flags = r.varint32();
    else if (tag === fixed64(11)) point.min = r.double();
    else if (tag === fixed64(12)) point.max = r.double();
    else r.skip(tag);
  }
  r.leave(outer);
  return point;
}

function readExponentialHistogram(r: ProtoReader): {
  dataPoints: OtlpExponentialHistogramDataPoint[];
  aggregationTemporality: number;
} {
  const outer = r.enter();
  const dataPoints: OtlpExponentialHistogramDataPoint[] = [];
  let aggregationTemporality = 0;
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) dataPoints.push(readExponentialHistogramDataPoint(r));
    else if (tag === varint(2)) aggregationTemporality = r.varint32() | 0;
    else r.skip(tag);
  }
  r.leave(outer);
  return { dataPoints, aggregationTemporality };
}

function readExponentialHistogramDataPoint(r: ProtoReader): OtlpExponentialHistogramDataPoint {
  const outer = r.enter();
  const point: OtlpExponentialHistogramDataPoint = {
    attributes: {},
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    flags: 0,
    count: 0n,
    sum: null,
    scale: 0,
    zeroCount: 0n,
    positive: { offset: 0, bucketCounts: [] },
    negative: { offset: 0, bucketCounts: [] },
    min: null,
    max: null,
    zeroThreshold: 0,
    exemplars: [],
  };
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) readKeyValue(r, point.attributes, 0);
    else if (tag === fixed64(2)) point.startTimeUnixNano = r.fixed64();
    else if (tag === fixed64(3)) point.timeUnixNano = r.fixed64();
    else if (tag === fixed64(4)) point.count = r.fixed64();
    else if (tag === fixed64(5)) point.sum = r.double();
    else if (tag === varint(6)) point.scale = sint32(r);
    else if (tag === fixed64(7)) point.zeroCount = r.fixed64();
    else if (tag === len(8)) point.positive = readBuckets(r);
    else if (tag === len(9)) point.negative = readBuckets(r);
    else if (tag === varint(10)) point.flags = r.varint32();
    else if (tag === len(11)) point.exemplars.push(readExemplar(r));
    else if (tag === fixed64(12)) point.min = r.double();
    else if (tag === fixed64(13)) point.max = r.double();
    else if (tag === fixed64(14)) point.zeroThreshold = r.double();
    else r.skip(tag);
  }
  r.leave(outer);
  return point;
}

/** ExponentialHistogramDataPoint.Buckets {1 sint32 offset, 2 repeated uint64 bucket_counts}. */
function readBuckets(r: ProtoReader): OtlpExponentialBuckets {
  const outer = r.enter();
  let offset = 0;
  const bucketCounts: bigint[] = [];
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === varint(1)) offset = sint32(r);
    else if (tag === len(2)) readPacked(r, () => bucketCounts.push(uint64(r)));
    else if (tag === varint(2)) bucketCounts.push(uint64(r));
    else r.skip(tag);
  }
  r.leave(outer);
  return { offset, bucketCounts };
}

function readSummary(r: ProtoReader): { dataPoints: OtlpSummaryDataPoint[] } {
  const outer = r.enter();
  const dataPoints: OtlpSummaryDataPoint[] = [];
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) dataPoints.push(readSummaryDataPoint(r));
    else r.skip(tag);
  }
  r.leave(outer);
  return { dataPoints };
}

function readSummaryDataPoint(r: ProtoReader): OtlpSummaryDataPoint {
  const outer = r.enter();
  const point: OtlpSummaryDataPoint = {
    attributes: {},
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    flags: 0,
    count: 0n,
    sum: 0,
    quantileValues: [],
  };
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(7)) readKeyValue(r, point.attributes, 0);
    else if (tag === fixed64(2)) point.startTimeUnixNano = r.fixed64();
    else if (tag === fixed64(3)) point.timeUnixNano = r.fixed64();
    else if (tag === fixed64(4)) point.count = r.fixed64();
    else if (tag === fixed64(5)) point.sum = r.double();
    else if (tag === len(6)) point.quantileValues.push(readValueAtQuantile(r));
    else if (tag === varint(8)) point.flags = r.varint32();
    else r.skip(tag);
  }
  r.leave(outer);
  return point;
}

function readValueAtQuantile(r: ProtoReader): OtlpValueAtQuantile {
  const outer = r.enter();
  let quantile = 0;
  let value = 0;
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === fixed64(1)) quantile = r.double();
    else if (tag === fixed64(2)) value = r.double();
    else r.skip(tag);
  }
  r.leave(outer);
  return { quantile, value };
}

function readExemplar(r: ProtoReader): OtlpExemplar {
  const outer = r.enter();
  const filteredAttributes: Attributes = {};
  let timeUnixNano = 0n;
  let value: OtlpNumberValue = null;
  let spanId = EMPTY;
  let traceId = EMPTY;
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(7)) readKeyValue(r, filteredAttributes, 0);
    else if (tag === fixed64(2)) timeUnixNano = r.fixed64();
    else if (tag === fixed64(3)) value = r.double();
    else if (tag === fixed64(6)) value = sfixed64(r);
    else if (tag === len(4)) spanId = r.bytes();
    else if (tag === len(5)) traceId = r.bytes();
    else r.skip(tag);
  }
  r.leave(outer);
  return { filteredAttributes, timeUnixNano, value, spanId, traceId };
}

/** A packed repeated scalar: `readOne` is called until the field's bytes are used up. */
function readPacked(r: ProtoReader, readOne: () => void): void {
  const outer = r.enter();
  while (r.pos < r.limit) readOne();
  r.leave(outer);
}

function sfixed64(r: ProtoReader): bigint {
  return BigInt.asIntN(64, r.fixed64());
}

function uint64(r: ProtoReader): bigint {
  const lo = r.varint64();
  return (BigInt(r.hi) << 32n) | BigInt(lo);
}

/** zigzag-decoded sint32 */
function sint32(r: ProtoReader): number {
  const n = r.varint32();
  return (n >>> 1) ^ -(n & 1);
}
