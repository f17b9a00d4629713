// GET /api/storage: rows, bytes and the oldest data per kind, from statistics and index ends,
// after spans and metric points sent by the official exporters.
import { ROOT_CONTEXT, SpanKind } from "@opentelemetry/api";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { storageResponseSchema } from "@/lib/contracts/storage-schema";
import { startMetricsProcess } from "@/test/support/send-metrics";
import { makeExporter, sendSpans } from "@/test/support/send-spans";

const { baseUrl, otlpHttpUrl, otlpGrpcUrl, databaseUrl } = inject("tracewell");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
afterAll(() => pool.end());

describe("GET /api/storage", () => {
  it("tells rows, bytes and the oldest data of spans, traces, rollups and metrics, and the database size", async () => {
    const started = Date.now() - 30_000;
    await sendSpans(makeExporter("http/protobuf", otlpHttpUrl), (tracer) => {
      tracer
        .startSpan("GET /storage", { kind: SpanKind.SERVER, startTime: started }, ROOT_CONTEXT)
        .end(started + 5);
    });
    const metrics = startMetricsProcess({
      protocol: "http/protobuf",
      temporality: "cumulative",
      urls: { otlpHttpUrl, otlpGrpcUrl },
      service: "storage-check",
    });
    metrics.meter.createCounter("storage.checks").add(1);
    await metrics.shutdown();
    await pool.query("ANALYZE"); // the row figures are the planner's statistics

    const response = await fetch(`${baseUrl}/api/storage`);
    expect(response.status).toBe(200);
    const storage = storageResponseSchema.parse(await response.json());
    for (const kind of ["spans", "traces", "rollups", "metrics"] as const) {
      expect(storage[kind].rows, kind).toBeGreaterThan(0);
      expect(storage[kind].bytes, kind).toBeGreaterThan(0);
      expect(Date.parse(storage[kind].oldest ?? ""), kind).toBeLessThanOrEqual(Date.now());
    }
    expect(Date.parse(storage.spans.oldest ?? "")).toBeLessThanOrEqual(started);
    expect(storage.totalBytes).toBeGreaterThan(storage.spans.bytes);
    expect(storage.maxDiskBytes).toBeNull();
  });
});
