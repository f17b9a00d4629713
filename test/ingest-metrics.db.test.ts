// Metrics ingest end to end, through both transports into one store: the official OTLP/gRPC metric
// exporter (MeterProvider + PeriodicExportingMetricReader) sends what the SDK recorded, and the
// rows in metric_series / metric_points hold the same values. Retries are idempotent, and the same
// request sent over OTLP/HTTP /v1/metrics lands on the same rows: one ingest path.
import { randomBytes } from "node:crypto";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-grpc";
import { ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  fixtureResource,
  fixtureViews,
  HISTOGRAM_BOUNDARIES,
  recordEveryInstrument,
  recordMetricsExport,
} from "@/test/fixtures/otlp-metrics-fixtures";
import { OtlpGrpcExportClient } from "@/test/support/grpc-export-client";
import { checkedExporter } from "@/test/support/send-metrics";

const { otlpHttpUrl, otlpGrpcUrl, databaseUrl } = inject("tracewell");
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const client = new OtlpGrpcExportClient(otlpGrpcUrl);
afterAll(async () => {
  client.close();
  await db.end();
});

/** The exporter's CompressionAlgorithm enum, whose package is not a direct dependency */
type Compression = NonNullable<ConstructorParameters<typeof OTLPMetricExporter>[0]>["compression"];

const uniqueService = (label: string) => `${label}-${randomBytes(4).toString("hex")}`;

interface StoredPoint {
  metric_name: string;
  metric_type: number;
  aggregation_temporality: number;
  is_monotonic: boolean;
  unit: string | null;
  description: string | null;
  scope_name: string | null;
  attributes: Record<string, unknown>;
  time_unix_nano: string;
  start_time_unix_nano: string;
  value: number | null;
  int_value: string | null;
  histogram: Record<string, unknown> | null;
}

/** Every stored point of one service, with its series, in a stable order. */
async function storedPoints(service: string): Promise<StoredPoint[]> {
  const { rows } = await db.query<StoredPoint>(
    `SELECT s.metric_name, s.metric_type, s.aggregation_temporality, s.is_monotonic, s.unit, s.description,
            s.scope_name, s.attributes, p.time_unix_nano, p.start_time_unix_nano, p.value, p.int_value, p.histogram
     FROM metric_points p JOIN metric_series s USING (series_id)
     WHERE s.service_name = $1
     ORDER BY s.metric_name, s.attributes::text, p.time_unix_nano`,
    [service],
  );
  return rows;
}

async function seriesCount(service: string): Promise<number> {
  const { rows } = await db.query("SELECT count(*)::int AS n FROM metric_series WHERE service_name = $1", [
    service,
  ]);
  return rows[0].n;
}

/** The values of recordEveryInstrument, as rows (times checked separately). */
function expectEveryInstrument(points: StoredPoint[]): void {
  const byName = (name: string) => points.filter((p) => p.metric_name === name);
  expect(byName("orders.placed").map((p) => [p.attributes, p.int_value, p.value])).toEqual([
    [{ region: "eu" }, "12", 12],
    [{ region: "us" }, "3", 3],
  ]);
  expect(byName("orders.placed")[0]).toMatchObject({
    metric_type: 2,
    aggregation_temporality: 2,
    is_monotonic: true,
    unit: "{order}",
    description: "Orders placed",
    scope_name: "tracewell-fixtures",
  });
  expect(byName("cart.items")).toMatchObject([
    { metric_type: 2, is_monotonic: false, int_value: "6", value: 6, attributes: {} },
  ]);
  expect(byName("cpu.temperature")).toMatchObject([
    {
      metric_type: 1,
      aggregation_temporality: 0,
      int_value: null,
      value: 63.25,
      attributes: { core: 0 },
      unit: "Cel",
    },
  ]);
  expect(byName("http.server.duration")).toMatchObject([
    {
      metric_type: 3,
      aggregation_temporality: 2,
      value: null,
      attributes: { "http.route": "/api/orders/{id}" },
      histogram: {
        count: "4",
        sum: 345,
        min: 5,
        max: 300,
        explicitBounds: HISTOGRAM_BOUNDARIES,
        bucketCounts: ["0", "1", "2", "1", "0"],
      },
    },
  ]);
  const [exponential] = byName("queue.latency");
  expect(exponential).toMatchObject({ metric_type: 4, histogram: { count: "4", sum: 15, min: 1, max: 8 } });
  const positive = exponential?.histogram?.positive as { bucketCounts: string[] } | undefined;
  expect(positive?.bucketCounts.reduce((sum, count) => sum + Number(count), 0)).toBe(4);
  for (const point of points) {
    expect(BigInt(point.time_unix_nano)).toBeGreaterThan(0n);
    expect(BigInt(point.start_time_unix_nano)).toBeLessThanOrEqual(BigInt(point.time_unix_nano));
  }
}

describe.each([false, true])("metrics through the official OTLP/gRPC metric exporter (gzip: %s)", (gzip) => {
  it("stores a counter, an up-down counter, a gauge and histograms with the SDK's values", async () => {
    const service = uniqueService("metrics-grpc");
    const { exporter, failures } = checkedExporter(
      new OTLPMetricExporter({ url: otlpGrpcUrl, ...(gzip ? { compression: "gzip" as Compression } : {}) }),
    );
    const provider = new MeterProvider({
      resource: fixtureResource(service),
      views: fixtureViews,
      readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })],
    });
    recordEveryInstrument(provider.getMeter("tracewell-fixtures", "1.4.2"));
    await provider.forceFlush();
    await provider.shutdown();
    expect(failures).toEqual([]);

    expect(await seriesCount(service)).toBe(6);
    const points = await storedPoints(service);
    // shutdown() collects and exports once more: cumulative series, so a second point per series
    // with the same values and a later time.
    const firstOfEach = points.filter(
      (p, i) =>
        i === 0 ||
        p.metric_name !== points[i - 1]?.metric_name ||
        JSON.stringify(p.attributes) !== JSON.stringify(points[i - 1]?.attributes),
    );
    expect(firstOfEach).toHaveLength(6);
    expectEveryInstrument(firstOfEach);
  });
});

describe("metrics: one ingest path, idempotent", () => {
  it("stores a retried gRPC export once", async () => {
    const service = uniqueService("metrics-retry");
    const batch = await recordMetricsExport(recordEveryInstrument, { service });
    for (let i = 0; i < 3; i++) expect((await client.exportMetrics(batch.protobuf)).length).toBe(0);
    const points = await storedPoints(service);
    expect(points).toHaveLength(6);
    expectEveryInstrument(points);
  });

  it("stores the same request through OTLP/HTTP /v1/metrics (protobuf) on the same rows as gRPC", async () => {
    const service = uniqueService("metrics-http");
    const batch = await recordMetricsExport(recordEveryInstrument, { service });
    const response = await fetch(`${otlpHttpUrl}/v1/metrics`, {
      method: "POST",
      body: batch.protobuf as BodyInit,
      headers: { "Content-Type": "application/x-protobuf" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-protobuf");
    expect((await response.arrayBuffer()).byteLength).toBe(0);
    const viaHttp = await storedPoints(service);
    expect(viaHttp).toHaveLength(6);
    expectEveryInstrument(viaHttp);

    // The same request over gRPC, and its OTLP/JSON form over HTTP: nothing new is stored.
    await client.exportMetrics(batch.protobuf);
    const json = await fetch(`${otlpHttpUrl}/v1/metrics`, {
      method: "POST",
      body: batch.json as BodyInit,
      headers: { "Content-Type": "application/json" },
    });
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({});
    expect(await storedPoints(service)).toEqual(viaHttp);
    expect(await seriesCount(service)).toBe(6);
  });

  it("answers partial success with rejectedDataPoints for an invalid point and keeps the others", async () => {
    const service = uniqueService("metrics-partial");
    const batch = await recordMetricsExport(recordEveryInstrument, { service });
    const request = JSON.parse(Buffer.from(batch.json).toString());
    const metric = request.resourceMetrics[0].scopeMetrics[0].metrics.find(
      (m: { name: string }) => m.name === "orders.placed",
    );
    metric.sum.dataPoints[1].timeUnixNano = "0";
    const http = await fetch(`${otlpHttpUrl}/v1/metrics`, {
      method: "POST",
      body: JSON.stringify(request),
      headers: { "Content-Type": "application/json" },
    });
    expect(http.status).toBe(200);
    const body = await http.json();
    expect(body.partialSuccess.rejectedDataPoints).toBe("1");
    expect(body.partialSuccess.errorMessage).toMatch(/metric "orders.placed" .* time_unix_nano is not set/);
    expect(await storedPoints(service)).toHaveLength(5);
  });

  it("answers a gRPC partial success that the SDK's response decoder reads", async () => {
    const service = uniqueService("metrics-partial-grpc");
    const stale = await recordMetricsExport((meter) => meter.createCounter("c").add(1), { service });
    // Shift every fixed64 time field 30 days back in the SDK's own bytes: stale points are rejected.
    const body = Buffer.from(stale.protobuf);
    const shift = 30n * 86_400_000_000_000n;
    for (const point of stale.resourceMetrics.scopeMetrics[0]?.metrics[0]?.dataPoints ?? []) {
      for (const hr of [point.startTime, point.endTime]) {
        const nanos = BigInt(hr[0]) * 1_000_000_000n + BigInt(hr[1]);
        const bytes = Buffer.alloc(8);
        bytes.writeBigUInt64LE(nanos);
        let at = body.indexOf(bytes);
        while (at >= 0) {
          body.writeBigUInt64LE(nanos - shift, at);
          at = body.indexOf(bytes, at + 8);
        }
      }
    }
    const response = ProtobufMetricsSerializer.deserializeResponse(await client.exportMetrics(body));
    expect(Number(response.partialSuccess?.rejectedDataPoints)).toBe(1);
    expect(response.partialSuccess?.errorMessage).toMatch(/in the past, outside retention/);
    expect(await seriesCount(service)).toBe(0);
  });

  it("answers 400 for a malformed /v1/metrics body and 404 names both endpoints", async () => {
    const bad = await fetch(`${otlpHttpUrl}/v1/metrics`, {
      method: "POST",
      body: '{"resourceMetrics": 1}',
      headers: { "Content-Type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/malformed OTLP request: resourceMetrics: expected an array/);
    const missing = await fetch(`${otlpHttpUrl}/v1/logs`, { method: "POST", body: "{}" });
    expect(missing.status).toBe(404);
    expect((await missing.json()).message).toMatch(/POST \/v1\/traces, metrics to POST \/v1\/metrics/);
  });
});
