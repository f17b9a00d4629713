import { describe, expect, it } from "vitest";
import type { MetricPointRow, MetricSeriesRow } from "@/lib/ingest/metrics/metric-row";
import { decodeMetricsRequestProto } from "@/lib/otlp/decode-metrics-proto";
import type { OtlpMetric, OtlpMetricData, OtlpMetricsRequest, OtlpNumberDataPoint } from "@/lib/otlp/types";
import { makeMetricsExport } from "@/test/fixtures/otlp-metrics-fixtures";
import { normalizeMetricsRequest } from "./normalize-metrics";

const SECOND = 1_000_000_000n;
const now = BigInt(Date.now()) * 1_000_000n;
const opts = { nowUnixNano: now, maxPastNanos: 7n * 86_400n * SECOND, maxFutureNanos: 3_600n * SECOND };

function request(metrics: OtlpMetric[], service = "checkout"): OtlpMetricsRequest {
  return {
    resourceMetrics: [
      {
        resource: { attributes: { "service.name": service }, droppedAttributesCount: 0 },
        scopeMetrics: [{ scope: { name: "lib", version: "1.0" }, metrics }],
      },
    ],
  };
}

function metric(data: OtlpMetricData | null, name = "m"): OtlpMetric {
  return { name, description: "", unit: "1", metadata: {}, data };
}

const numberPoint = (edit: Partial<OtlpNumberDataPoint> = {}): OtlpNumberDataPoint => ({
  attributes: {},
  startTimeUnixNano: now - 10n * SECOND,
  timeUnixNano: now - SECOND,
  flags: 0,
  value: 1.5,
  exemplars: [],
  ...edit,
});

const gauge = (...dataPoints: OtlpNumberDataPoint[]): OtlpMetricData => ({ type: "gauge", dataPoints });

const sdkExport = await makeMetricsExport();

describe("normalizeMetricsRequest on an SDK export", () => {
  const batch = normalizeMetricsRequest(decodeMetricsRequestProto(sdkExport.protobuf), opts);
  const seriesNamed = (name: string) => batch.series.filter((s) => s.metricName === name);
  const pointOf = (series: MetricSeriesRow | undefined) =>
    batch.points.find((p) => p.seriesId === series?.seriesId) as MetricPointRow;

  it("makes one series per metric and attribute set, and one point per data point", () => {
    expect(batch.rejectedDataPoints).toBe(0);
    expect(batch.rejectionMessage).toBe("");
    expect(batch.series).toHaveLength(6);
    expect(batch.points).toHaveLength(6);
    expect(batch.resources).toHaveLength(1);
    expect(new Set(batch.series.map((s) => s.seriesId)).size).toBe(6);
  });

  it("keeps an int counter exact and describes its series", () => {
    const eu = seriesNamed("orders.placed").find((s) => s.attributesJson === '{"region":"eu"}');
    expect(eu).toMatchObject({
      serviceName: "checkout",
      resourceId: batch.resources[0]?.id,
      scopeName: "tracewell-fixtures",
      scopeVersion: "1.4.2",
      description: "Orders placed",
      unit: "{order}",
      metricType: 2,
      aggregationTemporality: 2,
      isMonotonic: true,
    });
    expect(pointOf(eu)).toMatchObject({ value: 12, intValue: 12n, histogramJson: null, flags: 0 });
  });

  it("stores a gauge as a double, with no int value", () => {
    const series = seriesNamed("cpu.temperature")[0];
    expect(series).toMatchObject({ metricType: 1, aggregationTemporality: 0, isMonotonic: false });
    expect(pointOf(series)).toMatchObject({ value: 63.25, intValue: null });
  });

  it("stores a histogram's buckets, counts as strings", () => {
    const point = pointOf(seriesNamed("http.server.duration")[0]);
    expect(point.value).toBeNull();
    expect(JSON.parse(point.histogramJson as string)).toEqual({
      count: "4",
      sum: 345,
      min: 5,
      max: 300,
      explicitBounds: [0, 10, 100, 1000],
      bucketCounts: ["0", "1", "2", "1", "0"],
    });
  });

  it("stores an exponential histogram's scale and offset buckets", () => {
    const series = seriesNamed("queue.latency")[0];
    expect(series?.metricType).toBe(4);
    const histogram = JSON.parse(pointOf(series).histogramJson as string);
    expect(histogram).toMatchObject({
      count: "4",
      sum: 15,
      min: 1,
      max: 8,
      zeroCount: "0",
      zeroThreshold: 0,
    });
    expect(histogram.scale).toBeTypeOf("number");
    expect(histogram.negative).toEqual({ offset: 0, bucketCounts: [] });
  });
});

describe("series identity", () => {
  const seriesId = (m: OtlpMetric, service = "checkout") =>
    normalizeMetricsRequest(request([m], service), opts).series[0]?.seriesId;
  const withAttributes = (attributes: Record<string, string>) => metric(gauge(numberPoint({ attributes })));

  it("is the same for the same series in another request, whatever the attribute order", () => {
    expect(seriesId(withAttributes({ a: "1", b: "2" }))).toBe(seriesId(withAttributes({ b: "2", a: "1" })));
  });

  it.each<[string, OtlpMetric, string?]>([
    ["another attribute value", withAttributes({ a: "1", b: "3" })],
    ["another service", withAttributes({ a: "1", b: "2" }), "billing"],
    ["another metric name", { ...withAttributes({ a: "1", b: "2" }), name: "other" }],
    ["another unit", { ...withAttributes({ a: "1", b: "2" }), unit: "ms" }],
    [
      "another type (a sum)",
      metric({
        type: "sum",
        dataPoints: [numberPoint({ attributes: { a: "1", b: "2" } })],
        aggregationTemporality: 2,
        isMonotonic: true,
      }),
    ],
  ])("differs for %s", (_shape, other, service) => {
    expect(seriesId(other, service)).not.toBe(seriesId(withAttributes({ a: "1", b: "2" })));
  });

  it("differs between a delta and a cumulative sum of the same name", () => {
    const sum = (aggregationTemporality: number) =>
      metric({ type: "sum", dataPoints: [numberPoint()], aggregationTemporality, isMonotonic: true });
    expect(seriesId(sum(1))).not.toBe(seriesId(sum(2)));
  });
});

describe("normalizeMetricsRequest rejects invalid points, one by one", () => {
  it.each<[string, OtlpMetric, string]>([
    ["no time", metric(gauge(numberPoint({ timeUnixNano: 0n }))), "time_unix_nano is not set"],
    [
      "a time 1ns before the past window",
      metric(gauge(numberPoint({ timeUnixNano: now - opts.maxPastNanos - 1n }))),
      "is more than 7d in the past",
    ],
    [
      "a time 1ns after the future window",
      metric(gauge(numberPoint({ timeUnixNano: now + opts.maxFutureNanos + 1n }))),
      "is more than 1h in the future; check the sender's clock",
    ],
    [
      "a start time past int64",
      metric(gauge(numberPoint({ startTimeUnixNano: 2n ** 63n }))),
      "start_time_unix_nano is past the year 2262",
    ],
    ["no value", metric(gauge(numberPoint({ value: null }))), "no value: set as_double or as_int"],
    ["an empty metric name", metric(gauge(numberPoint()), ""), "the metric name is empty"],
    [
      "bucket counts that do not match the bounds",
      metric({
        type: "histogram",
        aggregationTemporality: 2,
        dataPoints: [
          {
            attributes: {},
            startTimeUnixNano: 0n,
            timeUnixNano: now,
            flags: 0,
            exemplars: [],
            count: 2n,
            sum: null,
            min: null,
            max: null,
            explicitBounds: [1, 2],
            bucketCounts: [1n, 1n],
          },
        ],
      }),
      "bucket_counts has 2 entries; it must have one more than explicit_bounds (2)",
    ],
  ])("%s", (_shape, bad, reason) => {
    const batch = normalizeMetricsRequest(request([metric(gauge(numberPoint()), "good"), bad]), opts);
    expect(batch.points).toHaveLength(1);
    expect(batch.series.map((s) => s.metricName)).toEqual(["good"]);
    expect(batch.rejectedDataPoints).toBe(1);
    expect(batch.rejectionMessage).toMatch(
      /^1 data point rejected: metric ".*" at resourceMetrics\[0\]\.scopeMetrics\[0\]\.metrics\[1\]\.dataPoints\[0\]: /,
    );
    expect(batch.rejectionMessage).toContain(reason);
  });

  it("counts every rejected point and reports the first", () => {
    const batch = normalizeMetricsRequest(
      request([metric(gauge(numberPoint({ timeUnixNano: 0n }), numberPoint({ value: null })))]),
      opts,
    );
    expect(batch.rejectedDataPoints).toBe(2);
    expect(batch.rejectionMessage).toMatch(/^2 data points rejected: .*time_unix_nano is not set$/);
  });
});

describe("normalizeMetricsRequest values", () => {
  const only = (point: OtlpNumberDataPoint) =>
    normalizeMetricsRequest(request([metric(gauge(point))]), opts).points[0] as MetricPointRow;

  it("keeps an int64 past 2^53 exact in int_value, nearest double in value", () => {
    const row = only(numberPoint({ value: 2n ** 53n + 1n }));
    expect(row.intValue).toBe(9_007_199_254_740_993n);
    expect(row.value).toBe(2 ** 53);
  });

  it("accepts a point without a value when it is flagged 'no recorded value'", () => {
    expect(only(numberPoint({ value: null, flags: 1 }))).toMatchObject({
      value: null,
      intValue: null,
      flags: 1,
    });
  });

  it("reads uint32 flags with the top bit set as a signed INTEGER", () => {
    expect(only(numberPoint({ flags: 0x8000_0001 })).flags).toBe(-0x7fff_ffff);
  });

  it("keeps NaN as a double value", () => {
    expect(only(numberPoint({ value: Number.NaN })).value).toBeNaN();
  });

  it("stores exemplars in OTLP/JSON form: hex ids, int values as strings", () => {
    const row = only(
      numberPoint({
        exemplars: [
          {
            filteredAttributes: { user: "u1" },
            timeUnixNano: now,
            value: -5n,
            traceId: new Uint8Array(16).fill(0xab),
            spanId: new Uint8Array(8).fill(0xcd),
          },
          {
            filteredAttributes: {},
            timeUnixNano: now,
            value: 0.5,
            traceId: new Uint8Array(),
            spanId: new Uint8Array(),
          },
        ],
      }),
    );
    expect(JSON.parse(row.exemplarsJson as string)).toEqual([
      {
        timeUnixNano: String(now),
        asInt: "-5",
        traceId: "ab".repeat(16),
        spanId: "cd".repeat(8),
        filteredAttributes: { user: "u1" },
      },
      { timeUnixNano: String(now), asDouble: 0.5, filteredAttributes: {} },
    ]);
  });

  it("stores a summary's count, sum and quantiles", () => {
    const batch = normalizeMetricsRequest(
      request([
        metric({
          type: "summary",
          dataPoints: [
            {
              attributes: {},
              startTimeUnixNano: 0n,
              timeUnixNano: now,
              flags: 0,
              count: 3n,
              sum: Number.POSITIVE_INFINITY,
              quantileValues: [{ quantile: 0.5, value: 2 }],
            },
          ],
        }),
      ]),
      opts,
    );
    expect(batch.series[0]?.metricType).toBe(5);
    expect(JSON.parse(batch.points[0]?.histogramJson as string)).toEqual({
      count: "3",
      sum: "Infinity",
      quantileValues: [{ quantile: 0.5, value: 2 }],
    });
  });

  it("ignores a metric of unknown type with a warning, rejecting nothing", () => {
    const batch = normalizeMetricsRequest(request([metric(null, "old.int_sum")]), opts);
    expect(batch.points).toEqual([]);
    expect(batch.rejectedDataPoints).toBe(0);
    expect(batch.rejectionMessage).toMatch(/metric "old.int_sum" .* has no gauge, sum, histogram/);
  });

  it("cleans NUL from names and attribute keys before they reach PostgreSQL", () => {
    const batch = normalizeMetricsRequest(
      request([
        { ...metric(gauge(numberPoint({ attributes: { "a\u0000b": "x\u0000" } }))), name: "m\u0000" },
      ]),
      opts,
    );
    expect(batch.series[0]).toMatchObject({ metricName: "m", attributesJson: '{"ab":"x"}' });
  });
});
