// OTLP/JSON metrics export body → OtlpMetricsRequest, with the same rules as the trace decoder:
// proto3 JSON mapping with lowerCamelCase names, 64-bit integers as strings or numbers, enums as
// integers or names, trace/span ids (in exemplars) as hex. A wrong type fails the request with the
// field's path; unknown fields are ignored.

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
  OtlpResourceMetrics,
  OtlpScopeMetrics,
  OtlpSummaryDataPoint,
} from "@/lib/otlp/types";
import { readAttributes } from "./decode-any-value-json";
import {
  array,
  boolean,
  double,
  each,
  enumValue,
  hexId,
  JsonFieldError,
  type JsonObject,
  object,
  parseRequestObject,
  string,
  uint32,
  uint64,
  within,
} from "./json-fields";

const TEMPORALITIES = [
  "AGGREGATION_TEMPORALITY_UNSPECIFIED",
  "AGGREGATION_TEMPORALITY_DELTA",
  "AGGREGATION_TEMPORALITY_CUMULATIVE",
] as const;

/** Decodes an ExportMetricsServiceRequest in OTLP/JSON; throws OtlpDecodeError naming what is wrong. */
export function decodeMetricsRequestJson(body: Uint8Array | string): OtlpMetricsRequest {
  const request = parseRequestObject(body, "resourceMetrics");
  return { resourceMetrics: each(request.resourceMetrics, "resourceMetrics", readResourceMetrics) };
}

/** Runs `read` on a nested object field, prefixing the field's name to any error path. */
function nested<T>(value: unknown, field: string, read: (o: JsonObject) => T): T {
  try {
    return read(object(value, "") ?? {});
  } catch (err) {
    throw within(err, field);
  }
}

function readResourceMetrics(o: JsonObject): OtlpResourceMetrics {
  const resource = nested(o.resource, "resource", (r) => ({
    attributes: readAttributes(r.attributes, "attributes", {}),
    droppedAttributesCount: uint32(r.droppedAttributesCount, "droppedAttributesCount"),
  }));
  return { resource, scopeMetrics: each(o.scopeMetrics, "scopeMetrics", readScopeMetrics) };
}

function readScopeMetrics(o: JsonObject): OtlpScopeMetrics {
  const scope = object(o.scope, "scope");
  const attributes = readAttributes(scope?.attributes, "scope.attributes", {});
  return {
    scope: {
      name: string(scope?.name, "scope.name"),
      version: string(scope?.version, "scope.version"),
      // Only when present, as the protobuf decoder does (decode-common-proto.ts readScope).
      ...(Object.keys(attributes).length === 0 ? {} : { attributes }),
    },
    metrics: each(o.metrics, "metrics", readMetric),
  };
}

function readMetric(o: JsonObject): OtlpMetric {
  let data: OtlpMetricData | null = null;
  if (o.gauge != null) {
    data = nested(o.gauge, "gauge", (g) => ({
      type: "gauge",
      dataPoints: each(g.dataPoints, "dataPoints", readNumberDataPoint),
    }));
  } else if (o.sum != null) {
    data = nested(o.sum, "sum", (s) => ({
      type: "sum",
      dataPoints: each(s.dataPoints, "dataPoints", readNumberDataPoint),
      aggregationTemporality: temporality(s.aggregationTemporality),
      isMonotonic: s.isMonotonic == null ? false : boolean(s.isMonotonic, "isMonotonic"),
    }));
  } else if (o.histogram != null) {
    data = nested(o.histogram, "histogram", (h) => ({
      type: "histogram",
      dataPoints: each(h.dataPoints, "dataPoints", readHistogramDataPoint),
      aggregationTemporality: temporality(h.aggregationTemporality),
    }));
  } else if (o.exponentialHistogram != null) {
    data = nested(o.exponentialHistogram, "exponentialHistogram", (h) => ({
      type: "exponentialHistogram",
      dataPoints: each(h.dataPoints, "dataPoints", readExponentialHistogramDataPoint),
      aggregationTemporality: temporality(h.aggregationTemporality),
    }));
  } else if (o.summary != null) {
    data = nested(o.summary, "summary", (s) => ({
      type: "summary",
      dataPoints: each(s.dataPoints, "dataPoints", readSummaryDataPoint),
    }));
  }
  return {
    name: string(o.name, "name"),
    description: string(o.description, "description"),
    unit: string(o.unit, "unit"),
    metadata: readAttributes(o.metadata, "metadata", {}),
    data,
  };
}

function temporality(value: unknown): number {
  return enumValue(value, "aggregationTemporality", TEMPORALITIES);
}

function base(o: JsonObject) {
  return {
    attributes: readAttributes(o.attributes, "attributes", {}),
    startTimeUnixNano: uint64(o.startTimeUnixNano, "startTimeUnixNano"),
    timeUnixNano: uint64(o.timeUnixNano, "timeUnixNano"),
    flags: uint32(o.flags, "flags"),
  };
}

function readNumberDataPoint(o: JsonObject): OtlpNumberDataPoint {
  return { ...base(o), value: numberValue(o), exemplars: each(o.exemplars, "exemplars", readExemplar) };
}

function readHistogramDataPoint(o: JsonObject): OtlpHistogramDataPoint {
  return {
    ...base(o),
    count: uint64(o.count, "count"),
    sum: optionalDouble(o.sum, "sum"),
    bucketCounts: array(o.bucketCounts, "bucketCounts").map((c, i) => uint64(c, `bucketCounts[${i}]`)),
    explicitBounds: array(o.explicitBounds, "explicitBounds").map((b, i) =>
      double(b, `explicitBounds[${i}]`),
    ),
    min: optionalDouble(o.min, "min"),
    max: optionalDouble(o.max, "max"),
    exemplars: each(o.exemplars, "exemplars", readExemplar),
  };
}

function readExponentialHistogramDataPoint(o: JsonObject): OtlpExponentialHistogramDataPoint {
  return {
    ...base(o),
    count: uint64(o.count, "count"),
    sum: optionalDouble(o.sum, "sum"),
    scale: int32(o.scale, "scale"),
    zeroCount: uint64(o.zeroCount, "zeroCount"),
    positive: nested(o.positive, "positive", readBuckets),
    negative: nested(o.negative, "negative", readBuckets),
    min: optionalDouble(o.min, "min"),
    max: optionalDouble(o.max, "max"),
    zeroThreshold: optionalDouble(o.zeroThreshold, "zeroThreshold") ?? 0,
    exemplars: each(o.exemplars, "exemplars", readExemplar),
  };
}

function readBuckets(o: JsonObject): OtlpExponentialBuckets {
  return {
    offset: int32(o.offset, "offset"),
    bucketCounts: array(o.bucketCounts, "bucketCounts").map((c, i) => uint64(c, `bucketCounts[${i}]`)),
  };
}

function readSummaryDataPoint(o: JsonObject): OtlpSummaryDataPoint {
  return {
    ...base(o),
    count: uint64(o.count, "count"),
    sum: optionalDouble(o.sum, "sum") ?? 0,
    quantileValues: each(o.quantileValues, "quantileValues", (q) => ({
      quantile: optionalDouble(q.quantile, "quantile") ?? 0,
      value: optionalDouble(q.value, "value") ?? 0,
    })),
  };
}

function readExemplar(o: JsonObject): OtlpExemplar {
  return {
    filteredAttributes: readAttributes(o.filteredAttributes, "filteredAttributes", {}),
    timeUnixNano: uint64(o.timeUnixNano, "timeUnixNano"),
    value: numberValue(o),
    spanId: hexId(o.spanId, "spanId"),
    traceId: hexId(o.traceId, "traceId"),
  };
}

/** The value oneof of NumberDataPoint and Exemplar: asDouble → number, asInt → bigint. */
function numberValue(o: JsonObject): OtlpNumberValue {
  if (o.asDouble != null) return double(o.asDouble, "asDouble");
  if (o.asInt != null) return int64(o.asInt, "asInt");
  return null;
}

function optionalDouble(value: unknown, field: string): number | null {
  return value == null ? null : double(value, field);
}

const SIGNED_DIGITS = /^-?\d+$/;

/** int64/sfixed64: a decimal string or a JSON number that is an integer. */
function int64(value: unknown, field: string): bigint {
  let n: bigint | undefined;
  if (typeof value === "string" && SIGNED_DIGITS.test(value)) n = BigInt(value);
  else if (typeof value === "number" && Number.isInteger(value)) n = BigInt(value);
  if (n === undefined || n !== BigInt.asIntN(64, n)) {
    throw new JsonFieldError(field, "expected an int64 as an integer string or number");
  }
  return n;
}

/** int32/sint32: a JSON number, or a decimal string. */
function int32(value: unknown, field: string): number {
  if (value == null) return 0;
  const n = typeof value === "string" && SIGNED_DIGITS.test(value) ? Number(value) : value;
  if (typeof n === "number" && Number.isInteger(n) && n >= -0x8000_0000 && n <= 0x7fff_ffff) return n;
  throw new JsonFieldError(field, "expected an integer from -2147483648 to 2147483647");
}
