// Tracewell's own metrics (#21): `GET /metrics` in Prometheus text on the OTLP/HTTP port, and on
// PORT for clients that don't ask for HTML (a browser gets the metrics explorer page there).
// Spans and data points sent with the official exporters are counted as received and accepted;
// refused requests are counted by transport and reason; the queue, commit, pool, analysis and
// dashboard-request figures are there.
import { ROOT_CONTEXT, SpanKind } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { OtlpGrpcExportClient } from "@/test/support/grpc-export-client";
import { ownTracewell } from "@/test/support/own-tracewell";
import { startMetricsProcess } from "@/test/support/send-metrics";
import { makeExporter, sendSpans } from "@/test/support/send-spans";

const own = ownTracewell();

/** The value of one sample, e.g. `tracewell_ingest_accepted_total{signal="traces"}`; 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

async function scrape(url: string, accept = "*/*"): Promise<string> {
  const response = await fetch(url, { headers: { accept } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

describe("GET /metrics", () => {
  it("counts what the official exporters sent, what was refused and why, and the figures of the process", async () => {
    await sendSpans(makeExporter("http/protobuf", own.tracewell.otlpHttpUrl), (tracer) => {
      const root = tracer.startSpan("GET /orders", { kind: SpanKind.SERVER }, ROOT_CONTEXT);
      for (let i = 0; i < 4; i++) tracer.startSpan(`child ${i}`).end();
      root.end();
    });
    const metrics = startMetricsProcess({
      protocol: "http/protobuf",
      temporality: "cumulative",
      urls: own.tracewell,
      service: "self-metrics-check",
    });
    metrics.meter.createCounter("orders").add(3);
    metrics.meter.createUpDownCounter("queue").add(1);
    await metrics.shutdown();

    // Refused: a malformed body, an unsupported Content-Type (HTTP), a malformed body over gRPC.
    const post = (body: string, contentType: string) =>
      fetch(`${own.tracewell.otlpHttpUrl}/v1/traces`, {
        method: "POST",
        body,
        headers: { "content-type": contentType },
      });
    expect((await post("\u0001\u0002garbage", "application/x-protobuf")).status).toBe(400);
    expect((await post("{}", "text/plain")).status).toBe(415);
    const grpc = new OtlpGrpcExportClient(own.tracewell.otlpGrpcUrl);
    await expect(grpc.exportTraces(new Uint8Array([0x0a, 0xff, 0xff, 0xff]))).rejects.toThrow();
    grpc.close();

    const text = await scrape(`${own.tracewell.otlpHttpUrl}/metrics`);
    expect(sample(text, 'tracewell_ingest_received_total{signal="traces"}')).toBe(5);
    expect(sample(text, 'tracewell_ingest_accepted_total{signal="traces"}')).toBe(5);
    expect(sample(text, 'tracewell_ingest_accepted_total{signal="metrics"}')).toBe(2);
    expect(
      sample(
        text,
        'tracewell_ingest_refused_requests_total{transport="http",signal="traces",reason="malformed"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'tracewell_ingest_refused_requests_total{transport="http",signal="traces",reason="unsupported_encoding"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'tracewell_ingest_refused_requests_total{transport="grpc",signal="traces",reason="malformed"}',
      ),
    ).toBe(1);
    expect(sample(text, 'tracewell_ingest_batch_rows_sum{signal="traces"}')).toBe(5);
    expect(sample(text, 'tracewell_ingest_commit_seconds_count{signal="traces"}')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('tracewell_ingest_queue_rows{signal="traces"} 0');
    expect(text).toMatch(/^tracewell_ingest_inflight_bytes\{transport="http"\} \d+$/m);
    expect(sample(text, 'tracewell_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^tracewell_analysis_lag_seconds [\d.e+-]+$/m);
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
  }, 60_000);

  it("on PORT: Prometheus text for scrapers, the metrics page for browsers; dashboard requests timed per route", async () => {
    expect((await fetch(`${own.tracewell.baseUrl}/api/services`)).status).toBe(200);
    expect((await fetch(`${own.tracewell.baseUrl}/api/traces/${"ab".repeat(16)}`)).status).toBe(404);
    const text = await scrape(`${own.tracewell.baseUrl}/metrics`);
    expect(
      sample(
        text,
        'tracewell_http_request_duration_seconds_count{route="/api/services",method="GET",status="200"}',
      ),
    ).toBe(1);
    // Ids never become labels: a missing trace is "(unmatched)"… and a found one would be {id}.
    expect(text).not.toContain("abababab");
    expect(text).toContain("# TYPE tracewell_ingest_accepted_total counter");

    const page = await fetch(`${own.tracewell.baseUrl}/metrics`, {
      headers: { accept: "text/html,application/xhtml+xml" },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
  }, 60_000);
});
