// Where a metric data point becomes a row: validates each decoded point, rejects the invalid ones
// (reported back as partial success, never failing the whole request), and maps the rest onto
// MetricPointRow plus one MetricSeriesRow per distinct series. Histogram-like values are kept
// complete, in their OTLP/JSON form, so later features (latency from histograms) need no re-ingest.

import { createHash } from "node:crypto";
import type { MetricPointRow, MetricSeriesRow, NormalizedMetricBatch } from "@/lib/ingest/metrics/metric-row";
import {
  type AcceptedWindow,
  acceptedWindow,
  INT64_MAX,
  outsideWindow,
  type WindowOptions,
} from "@/lib/ingest/shared/accepted-window";
import { DEFAULT_INGEST_LIMITS, type IngestLimits, TooManyRowsError } from "@/lib/ingest/shared/limits";
import {
  canonicalAttributesJson,
  type ResourceRow,
  ResourceRows,
} from "@/lib/ingest/shared/normalize-resource";
import {
  type RedactionOptions,
  type Redactor,
  redactorFor,
  storedAttributes,
} from "@/lib/ingest/shared/redaction";
import { cleanText } from "@/lib/ingest/shared/sanitize";
import type { Attributes } from "@/lib/model/attribute-value";
import { MetricType } from "@/lib/model/metric-type";
import { doubleValue } from "@/lib/otlp/attribute-value";
import type {
  OtlpExemplar,
  OtlpExponentialBuckets,
  OtlpExponentialHistogramDataPoint,
  OtlpHistogramDataPoint,
  OtlpMetric,
  OtlpMetricData,
  OtlpMetricsRequest,
  OtlpMetricType,
  OtlpNumberDataPoint,
  OtlpNumberValue,
  OtlpSummaryDataPoint,
} from "@/lib/otlp/types";

/** DataPointFlags.FLAG_NO_RECORDED_VALUE: the point marks a gap, it carries no value by design */
const NO_RECORDED_VALUE = 1;

type Point = OtlpMetricData["dataPoints"][number];

interface Scope {
  name: string | null;
  version: string | null;
  /** canonical JSON of the scope's attributes; "{}" when it has none */
  attributesJson: string;
}

export function normalizeMetricsRequest(
  req: OtlpMetricsRequest,
  opts: WindowOptions & { limits?: IngestLimits; redaction?: RedactionOptions },
): NormalizedMetricBatch {
  const maxPoints = (opts.limits ?? DEFAULT_INGEST_LIMITS).maxRowsPerRequest;
  let total = 0;
  for (const rm of req.resourceMetrics)
    for (const sm of rm.scopeMetrics)
      for (const metric of sm.metrics) total += metric.data?.dataPoints.length ?? 0;
  if (total > maxPoints) {
    throw new TooManyRowsError(
      `${total} data points in one request; send at most ${maxPoints} (INGEST_MAX_SPANS_PER_REQUEST), e.g. fewer metrics per export or a smaller Collector batch size`,
    );
  }
  const points: MetricPointRow[] = [];
  const redactor = redactorFor(opts.redaction);
  const resources = new ResourceRows(redactor);
  const series = new SeriesRows(redactor);
  const window = acceptedWindow(opts);
  let rejected = 0;
  let firstReason = "";
  let warning = "";
  req.resourceMetrics.forEach((rm, i) => {
    const resource = resources.rowFor(rm.resource);
    rm.scopeMetrics.forEach((sm, j) => {
      const scope = {
        name: cleanText(sm.scope.name) || null,
        version: cleanText(sm.scope.version) || null,
        attributesJson: canonicalAttributesJson(storedAttributes(sm.scope.attributes ?? {}, redactor)),
      };
      sm.metrics.forEach((metric, k) => {
        const at = `resourceMetrics[${i}].scopeMetrics[${j}].metrics[${k}]`;
        const data = metric.data;
        if (data === null) {
          warning ||= `metric "${cleanText(metric.name)}" at ${at} has no gauge, sum, histogram, exponential_histogram or summary; ignored`;
          return;
        }
        const name = cleanText(metric.name);
        data.dataPoints.forEach((point: Point, l) => {
          const problem = name === "" ? "the metric name is empty" : invalidPoint(data.type, point, window);
          if (problem === null) {
            const row = series.rowFor(resource, scope, metric, name, data, point.attributes);
            points.push(toPointRow(row.seriesId, data.type, point, redactor));
          } else if (rejected++ === 0) {
            firstReason = `metric "${name}" at ${at}.dataPoints[${l}]: ${problem}`;
          }
        });
      });
    });
  });
  const rejectionMessage =
    rejected === 0
      ? warning
      : `${rejected} ${rejected === 1 ? "data point" : "data points"} rejected: ${firstReason}`;
  return {
    points,
    series: series.rows,
    resources: resources.rows,
    rejectedDataPoints: rejected,
    rejectionMessage,
  };
}

/** One MetricSeriesRow per distinct series in a request; its id is a hash of its identity. */
class SeriesRows {
  readonly rows: MetricSeriesRow[] = [];
  private readonly byIdentity = new Map<string, MetricSeriesRow>();

  constructor(private readonly redactor: Redactor | null) {}

  rowFor(
    resource: ResourceRow,
    scope: Scope,
    metric: OtlpMetric,
    name: string,
    data: OtlpMetricData,
    attributes: Attributes,
  ): MetricSeriesRow {
    const attributesJson = canonicalAttributesJson(storedAttributes(attributes, this.redactor));
    const metricType = MetricType[data.type];
    const aggregationTemporality = "aggregationTemporality" in data ? data.aggregationTemporality : 0;
    const isMonotonic = data.type === "sum" && data.isMonotonic;
    const unit = cleanText(metric.unit) || null;
    // Temporality and monotonicity are part of the type: a delta and a cumulative sum of the same
    // name are different series, whose points must never be mixed.
    // Scope attributes identify the scope too; appended only when present, so series ids of
    // scopes without attributes are the same as before they were stored.
    const identity = JSON.stringify([
      resource.id.toString(),
      scope.name,
      scope.version,
      name,
      metricType,
      aggregationTemporality,
      isMonotonic,
      unit,
      attributesJson,
      ...(scope.attributesJson === "{}" ? [] : [scope.attributesJson]),
    ]);
    let row = this.byIdentity.get(identity);
    if (row === undefined) {
      row = {
        seriesId: createHash("sha256").update(identity).digest().readBigInt64BE(0),
        serviceName: resource.serviceName,
        resourceId: resource.id,
        scopeName: scope.name,
        scopeVersion: scope.version,
        metricName: name,
        description: cleanText(metric.description) || null,
        unit,
        metricType,
        aggregationTemporality,
        isMonotonic,
        attributesJson,
        scopeAttributesJson: scope.attributesJson,
        metadataJson: canonicalAttributesJson(storedAttributes(metric.metadata, this.redactor)),
      };
      this.byIdentity.set(identity, row);
      this.rows.push(row);
    }
    return row;
  }
}

/** The first rule the point breaks, phrased for the sender; null when it is valid. */
function invalidPoint(type: OtlpMetricType, point: Point, window: AcceptedWindow): string | null {
  if (point.timeUnixNano === 0n) return "time_unix_nano is not set";
  const outside = outsideWindow("time", point.timeUnixNano, window);
  if (outside !== null) return outside;
  if (point.startTimeUnixNano > INT64_MAX) return "start_time_unix_nano is past the year 2262";
  if (type === "gauge" || type === "sum") {
    const value = (point as OtlpNumberDataPoint).value;
    if (value === null && (point.flags & NO_RECORDED_VALUE) === 0) return "no value: set as_double or as_int";
  }
  if (type === "histogram") {
    const { bucketCounts, explicitBounds } = point as OtlpHistogramDataPoint;
    if (bucketCounts.length !== 0 && bucketCounts.length !== explicitBounds.length + 1) {
      return `bucket_counts has ${bucketCounts.length} entries; it must have one more than explicit_bounds (${explicitBounds.length})`;
    }
  }
  return null;
}

function toPointRow(
  seriesId: bigint,
  type: OtlpMetricType,
  point: Point,
  redactor: Redactor | null,
): MetricPointRow {
  const row: MetricPointRow = {
    seriesId,
    timeUnixNano: point.timeUnixNano,
    startTimeUnixNano: point.startTimeUnixNano,
    value: null,
    intValue: null,
    histogramJson: null,
    exemplarsJson: null,
    // uint32 on the wire, INTEGER in the table: keep all 32 bits, read as signed.
    flags: point.flags | 0,
  };
  // The point's type follows from the metric's: the decoders build them together.
  switch (type) {
    case "gauge":
    case "sum": {
      const p = point as OtlpNumberDataPoint;
      if (typeof p.value === "bigint") {
        row.intValue = p.value;
        row.value = Number(p.value);
      } else row.value = p.value;
      row.exemplarsJson = exemplarsJson(p.exemplars, redactor);
      break;
    }
    case "histogram": {
      const p = point as OtlpHistogramDataPoint;
      row.histogramJson = JSON.stringify({
        count: p.count.toString(),
        ...optional("sum", p.sum),
        ...optional("min", p.min),
        ...optional("max", p.max),
        explicitBounds: p.explicitBounds.map(doubleValue),
        bucketCounts: p.bucketCounts.map(String),
      });
      row.exemplarsJson = exemplarsJson(p.exemplars, redactor);
      break;
    }
    case "exponentialHistogram": {
      const p = point as OtlpExponentialHistogramDataPoint;
      row.histogramJson = JSON.stringify({
        count: p.count.toString(),
        ...optional("sum", p.sum),
        ...optional("min", p.min),
        ...optional("max", p.max),
        scale: p.scale,
        zeroCount: p.zeroCount.toString(),
        zeroThreshold: doubleValue(p.zeroThreshold),
        positive: bucketsJson(p.positive),
        negative: bucketsJson(p.negative),
      });
      row.exemplarsJson = exemplarsJson(p.exemplars, redactor);
      break;
    }
    case "summary": {
      const p = point as OtlpSummaryDataPoint;
      row.histogramJson = JSON.stringify({
        count: p.count.toString(),
        sum: doubleValue(p.sum),
        quantileValues: p.quantileValues.map((q) => ({
          quantile: doubleValue(q.quantile),
          value: doubleValue(q.value),
        })),
      });
      break;
    }
  }
  return row;
}

function exemplarsJson(exemplars: OtlpExemplar[], redactor: Redactor | null): string | null {
  return exemplars.length === 0 ? null : JSON.stringify(exemplars.map((e) => exemplarJson(e, redactor)));
}

function optional(key: string, value: number | null): Record<string, number | string> {
  return value === null ? {} : { [key]: doubleValue(value) };
}

function bucketsJson(buckets: OtlpExponentialBuckets) {
  return { offset: buckets.offset, bucketCounts: buckets.bucketCounts.map(String) };
}

function exemplarJson(exemplar: OtlpExemplar, redactor: Redactor | null) {
  return {
    timeUnixNano: exemplar.timeUnixNano.toString(),
    ...numberValueJson(exemplar.value),
    ...(exemplar.traceId.length === 16 ? { traceId: hex(exemplar.traceId) } : {}),
    ...(exemplar.spanId.length === 8 ? { spanId: hex(exemplar.spanId) } : {}),
    filteredAttributes: storedAttributes(exemplar.filteredAttributes, redactor),
  };
}

/** OTLP/JSON's value oneof: asInt as a decimal string (int64), asDouble as a number. */
function numberValueJson(value: OtlpNumberValue): Record<string, number | string> {
  if (value === null) return {};
  if (typeof value === "bigint") return { asInt: value.toString() };
  return { asDouble: doubleValue(value) };
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}
