import { ValueType } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import {
  OtlpDecodeError,
  type OtlpHistogramDataPoint,
  type OtlpMetric,
  type OtlpMetricsRequest,
  type OtlpNumberDataPoint,
} from "@/lib/otlp/types";
import {
  HISTOGRAM_BOUNDARIES,
  makeMetricsExport,
  recordMetricsExport,
} from "@/test/fixtures/otlp-metrics-fixtures";
import { decodeMetricsRequestJson } from "./decode-metrics-json";
import { decodeMetricsRequestProto } from "./decode-metrics-proto";

const sdkExport = await makeMetricsExport();
const fromProto = decodeMetricsRequestProto(sdkExport.protobuf);

function metrics(request: OtlpMetricsRequest): OtlpMetric[] {
  return request.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics));
}

function metric(request: OtlpMetricsRequest, name: string): OtlpMetric {
  const found = metrics(request).find((m) => m.name === name);
  if (!found) throw new Error(`no metric ${name}`);
  return found;
}

function points<T>(m: OtlpMetric): T[] {
  return (m.data?.dataPoints ?? []) as T[];
}

// A tiny protobuf encoder for hand-made messages the JS SDK cannot produce (summaries, unpacked
// repeated fields). Each helper returns the bytes of one field.
const bytes = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
function varint(value: bigint): number[] {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const tag = (field: number, wire: number) => varint(BigInt((field << 3) | wire));
const fVarint = (field: number, v: bigint) => Uint8Array.from([...tag(field, 0), ...varint(v)]);
const fFixed64 = (field: number, v: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt.asUintN(64, v));
  return Uint8Array.from([...tag(field, 1), ...b]);
};
const fDouble = (field: number, v: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(v);
  return Uint8Array.from([...tag(field, 1), ...b]);
};
const fLen = (field: number, ...body: Uint8Array[]) => {
  const inner = bytes(...body);
  return Uint8Array.from([...tag(field, 2), ...varint(BigInt(inner.length)), ...inner]);
};
const fString = (field: number, s: string) => fLen(field, new TextEncoder().encode(s));
/** ExportMetricsServiceRequest with one resource, one scope and the given Metric bodies */
const request = (...metricBodies: Uint8Array[]) =>
  fLen(1, fLen(2, ...metricBodies.map((body) => fLen(2, body))));

const T0 = 1_795_000_000_000_000_000n;

describe("decodeMetricsRequestProto on SDK exports", () => {
  it("reads resource, scope and every metric the SDK recorded", () => {
    const rm = fromProto.resourceMetrics[0];
    expect(rm?.resource.attributes["service.name"]).toBe("checkout");
    expect(rm?.scopeMetrics[0]?.scope).toEqual({ name: "tracewell-fixtures", version: "1.4.2" });
    expect(
      metrics(fromProto)
        .map((m) => [m.name, m.data?.type])
        .sort(),
    ).toEqual([
      ["cart.items", "sum"],
      ["cpu.temperature", "gauge"],
      ["http.server.duration", "histogram"],
      ["orders.placed", "sum"],
      ["queue.latency", "exponentialHistogram"],
    ]);
  });

  it("reads an int counter as exact bigints, with temporality, monotonicity and attributes", () => {
    const orders = metric(fromProto, "orders.placed");
    expect(orders).toMatchObject({ description: "Orders placed", unit: "{order}" });
    expect(orders.data).toMatchObject({ type: "sum", aggregationTemporality: 2, isMonotonic: true });
    const byRegion = Object.fromEntries(
      points<OtlpNumberDataPoint>(orders).map((p) => [p.attributes.region, p.value]),
    );
    expect(byRegion).toEqual({ eu: 12n, us: 3n });
    expect(metric(fromProto, "cart.items").data).toMatchObject({ isMonotonic: false });
    expect(points<OtlpNumberDataPoint>(metric(fromProto, "cart.items"))[0]?.value).toBe(6n);
  });

  it("reads a double gauge with its start and end times", () => {
    const [point] = points<OtlpNumberDataPoint>(metric(fromProto, "cpu.temperature"));
    expect(point?.value).toBe(63.25);
    expect(point?.attributes).toEqual({ core: 0 });
    expect(point?.timeUnixNano).toBeGreaterThan(0n);
    expect(point?.startTimeUnixNano).toBeLessThanOrEqual(point?.timeUnixNano ?? 0n);
  });

  it("reads an explicit-bucket histogram: packed counts and bounds, count, sum, min, max", () => {
    const [point] = points<OtlpHistogramDataPoint>(metric(fromProto, "http.server.duration"));
    expect(point).toMatchObject({
      count: 4n,
      sum: 345,
      min: 5,
      max: 300,
      explicitBounds: HISTOGRAM_BOUNDARIES,
      bucketCounts: [0n, 1n, 2n, 1n, 0n],
    });
  });

  it("reads an exponential histogram: scale, zero count and signed bucket offsets", () => {
    const data = metric(fromProto, "queue.latency").data;
    expect(data?.type).toBe("exponentialHistogram");
    if (data?.type !== "exponentialHistogram") return;
    const point = data.dataPoints[0];
    expect(point).toMatchObject({ count: 4n, sum: 15, min: 1, max: 8, zeroCount: 0n });
    expect(point?.positive.offset).toBeLessThan(0);
    expect(point?.positive.bucketCounts.reduce((a, b) => a + b, 0n)).toBe(4n);
    expect(point?.negative.bucketCounts).toEqual([]);
  });

  it("decodes the SDK's OTLP/JSON of the same collection to the same model", () => {
    expect(decodeMetricsRequestJson(sdkExport.json)).toEqual(fromProto);
  });

  it("decodes delta temporality", async () => {
    const delta = await recordMetricsExport(
      (meter) => meter.createCounter("c", { valueType: ValueType.INT }).add(1),
      { temporality: "delta" },
    );
    expect(metric(decodeMetricsRequestProto(delta.protobuf), "c").data).toMatchObject({
      aggregationTemporality: 1,
    });
  });
});

describe("decodeMetricsRequestProto on hand-made messages", () => {
  it("reads a summary with quantiles, flags and a negative as_int exemplar", () => {
    const point = bytes(
      fFixed64(2, T0 - 1000n),
      fFixed64(3, T0),
      fFixed64(4, 10n),
      fDouble(5, 123.5),
      fLen(6, fDouble(1, 0.5), fDouble(2, 9)),
      fLen(6, fDouble(1, 0.99), fDouble(2, 40)),
      fVarint(8, 1n),
      fLen(7, fString(1, "queue"), fLen(2, fString(1, "orders"))),
    );
    const decoded = decodeMetricsRequestProto(
      request(bytes(fString(1, "rpc.latency"), fLen(11, fLen(1, point)))),
    );
    expect(metric(decoded, "rpc.latency").data).toEqual({
      type: "summary",
      dataPoints: [
        {
          attributes: { queue: "orders" },
          startTimeUnixNano: T0 - 1000n,
          timeUnixNano: T0,
          flags: 1,
          count: 10n,
          sum: 123.5,
          quantileValues: [
            { quantile: 0.5, value: 9 },
            { quantile: 0.99, value: 40 },
          ],
        },
      ],
    });
  });

  it("reads unpacked repeated fields and int64 values past 2^53", () => {
    const histogramPoint = bytes(
      fFixed64(3, T0),
      fFixed64(4, 3n),
      fFixed64(6, 1n),
      fFixed64(6, 2n),
      fDouble(7, 10),
      fLen(8, fFixed64(2, T0), fFixed64(6, -(2n ** 60n)), fLen(4, new Uint8Array(8).fill(7))),
    );
    const numberPoint = bytes(fFixed64(3, T0), fFixed64(6, 2n ** 53n + 1n));
    const decoded = decodeMetricsRequestProto(
      request(
        bytes(fString(1, "h"), fLen(9, fLen(1, histogramPoint), fVarint(2, 1n))),
        bytes(fString(1, "n"), fLen(5, fLen(1, numberPoint))),
      ),
    );
    const [h] = points<OtlpHistogramDataPoint>(metric(decoded, "h"));
    expect(h).toMatchObject({ count: 3n, bucketCounts: [1n, 2n], explicitBounds: [10], sum: null });
    expect(h?.exemplars[0]).toMatchObject({ timeUnixNano: T0, value: -(2n ** 60n) });
    expect(points<OtlpNumberDataPoint>(metric(decoded, "n"))[0]?.value).toBe(2n ** 53n + 1n);
  });

  it("leaves data null for a metric of an unknown type (a removed int_sum, field 6)", () => {
    const decoded = decodeMetricsRequestProto(request(bytes(fString(1, "old"), fLen(6, fLen(1)))));
    expect(metric(decoded, "old").data).toBeNull();
  });
});

describe("malformed metrics bodies fail with OtlpDecodeError", () => {
  it("for every truncation of an SDK export: decodes a prefix or throws OtlpDecodeError, nothing else", () => {
    const body = sdkExport.protobuf;
    let failures = 0;
    for (let cut = 1; cut < body.length; cut++) {
      try {
        decodeMetricsRequestProto(body.subarray(0, cut));
      } catch (error) {
        expect(error).toBeInstanceOf(OtlpDecodeError);
        failures++;
      }
    }
    // The only message is one ResourceMetrics: every cut inside it is an error.
    expect(failures).toBe(body.length - 1);
  });

  it.each([
    [
      "a truncated packed field",
      request(bytes(fString(1, "h"), fLen(9, fLen(1, fLen(6, new Uint8Array(7)))))),
    ],
    ["a varint past the end", Uint8Array.from([0x0a, 0x02, 0x10, 0xff])],
    ["an unsupported wire type", Uint8Array.from([0x0b])],
  ])("%s", (_shape, body) => {
    expect(() => decodeMetricsRequestProto(body)).toThrow(OtlpDecodeError);
  });

  it.each([
    ["not JSON", "{", /invalid JSON body/],
    ["an array body", "[]", /expected a JSON object with resourceMetrics/],
    [
      "a string where a number goes",
      '{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"x","gauge":{"dataPoints":[{"asDouble":"abc"}]}}]}]}]}',
      /resourceMetrics\[0\]\.scopeMetrics\[0\]\.metrics\[0\]\.gauge\.dataPoints\[0\]\.asDouble: expected a number/,
    ],
    [
      "a negative count",
      '{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"x","histogram":{"dataPoints":[{"count":-1}]}}]}]}]}',
      /histogram\.dataPoints\[0\]\.count/,
    ],
    [
      "an unknown temporality",
      '{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"x","sum":{"aggregationTemporality":"SOMETIMES"}}]}]}]}',
      /sum\.aggregationTemporality: expected an integer or one of AGGREGATION_TEMPORALITY_UNSPECIFIED/,
    ],
  ])("OTLP/JSON: %s, naming the field", (_shape, body, message) => {
    expect(() => decodeMetricsRequestJson(body)).toThrow(OtlpDecodeError);
    expect(() => decodeMetricsRequestJson(body)).toThrow(message);
  });
});

describe("decodeMetricsRequestJson", () => {
  it("reads summaries, int64 strings past 2^53, enum names and hex exemplar ids", () => {
    const decoded = decodeMetricsRequestJson(
      JSON.stringify({
        resourceMetrics: [
          {
            resource: { attributes: [{ key: "service.name", value: { stringValue: "billing" } }] },
            scopeMetrics: [
              {
                scope: { name: "lib", version: "2" },
                metrics: [
                  {
                    name: "bytes.total",
                    sum: {
                      aggregationTemporality: "AGGREGATION_TEMPORALITY_DELTA",
                      isMonotonic: true,
                      dataPoints: [
                        {
                          timeUnixNano: String(T0),
                          asInt: "9007199254740993",
                          exemplars: [
                            {
                              timeUnixNano: String(T0),
                              asDouble: 1.5,
                              traceId: "0af7651916cd43dd8448eb211c80319c",
                              spanId: "b7ad6b7169203331",
                            },
                          ],
                        },
                      ],
                    },
                  },
                  {
                    name: "rpc.latency",
                    summary: {
                      dataPoints: [
                        {
                          timeUnixNano: String(T0),
                          count: "3",
                          sum: 7,
                          quantileValues: [{ quantile: 0.5, value: 2 }],
                        },
                      ],
                    },
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const sum = metric(decoded, "bytes.total");
    expect(sum.data).toMatchObject({ type: "sum", aggregationTemporality: 1, isMonotonic: true });
    const [point] = points<OtlpNumberDataPoint>(sum);
    expect(point?.value).toBe(9_007_199_254_740_993n);
    expect(Buffer.from(point?.exemplars[0]?.traceId ?? []).toString("hex")).toBe(
      "0af7651916cd43dd8448eb211c80319c",
    );
    expect(metric(decoded, "rpc.latency").data).toMatchObject({
      type: "summary",
      dataPoints: [{ count: 3n, sum: 7, quantileValues: [{ quantile: 0.5, value: 2 }] }],
    });
  });
});
