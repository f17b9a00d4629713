// Admission control (INGEST_MAX_INFLIGHT_REQUESTS, INGEST_MAX_INFLIGHT_BYTES): while one OTLP/HTTP
// upload is held open (its body half sent), a Tracewell limited to one request in flight (or to
// fewer bytes than that upload and one more request) refuses
// the next at once — OTLP/HTTP 429 + Retry-After, OTLP/gRPC RESOURCE_EXHAUSTED + RetryInfo, for
// both transports share one gate — and once the upload completes, the official exporters' spans
// are accepted and stored (the HTTP one may have been refused first: it retries after Retry-After).
//
//   held upload (1 request in flight) ──► probe /v1/traces: 429 · gRPC Export: RESOURCE_EXHAUSTED
//   upload completes (200)            ──► official OTLP/HTTP and OTLP/gRPC exporters: stored
import http from "node:http";
import { type ServiceError, status } from "@grpc/grpc-js";
import { SpanKind } from "@opentelemetry/api";
import { OTLPTraceExporter as GrpcExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { eventually } from "@/test/support/eventually";
import { OtlpGrpcExportClient, retryDelayOf } from "@/test/support/grpc-export-client";
import { makeExporter, sendSpans } from "@/test/support/send-spans";
import { createTestDatabase } from "@/test/support/test-database";
import { startTracewellProcess } from "@/test/support/tracewell-process";

/** Starts an upload of `body` and sends only its first half; `finish` sends the rest. */
function holdUpload(url: string, body: Uint8Array) {
  const request = http.request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-protobuf", "Content-Length": String(body.length) },
  });
  const answered = new Promise<number>((resolve, reject) => {
    request.once("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once("error", reject);
  });
  const half = Math.floor(body.length / 2);
  request.write(body.subarray(0, half));
  return {
    answered,
    finish: () => request.end(body.subarray(half)),
  };
}

// Each limit alone: one request in flight, or fewer bytes than the held upload and a probe.
const LIMITS: [string, Record<string, string>, string][] = [
  ["INGEST_MAX_INFLIGHT_REQUESTS", { INGEST_MAX_INFLIGHT_REQUESTS: "1" }, "INGEST_MAX_INFLIGHT_REQUESTS=1"],
  ["INGEST_MAX_INFLIGHT_BYTES", { INGEST_MAX_INFLIGHT_BYTES: "2000" }, "INGEST_MAX_INFLIGHT_BYTES=2000"],
];

describe.each(LIMITS)("admission control: %s", (_limit, env, message) => {
  it("refuses over HTTP (429 + Retry-After) and gRPC (RESOURCE_EXHAUSTED + RetryInfo) while the gate is full, then accepts the official exporters", async () => {
    const database = await createTestDatabase();
    const server = await startTracewellProcess({ databaseUrl: database.url, env });
    const db = new pg.Pool({ connectionString: database.url, max: 1 });
    const grpc = new OtlpGrpcExportClient(server.otlpGrpcUrl);
    try {
      const held = holdUpload(`${server.otlpHttpUrl}/v1/traces`, makeTraceExport({ spans: 50 }).protobuf);
      // The held upload is admitted a moment after it arrives: probe until the gate is full.
      const refused = await eventually(async () => {
        const response = await fetch(`${server.otlpHttpUrl}/v1/traces`, {
          method: "POST",
          body: makeTraceExport({ spans: 1 }).protobuf as BodyInit,
          headers: { "Content-Type": "application/x-protobuf" },
        });
        expect(response.status).toBe(429);
        return response;
      });
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(Buffer.from(await refused.arrayBuffer()).toString()).toContain(message);

      const grpcError = await grpc.exportTraces(makeTraceExport({ spans: 1 }).protobuf).then(
        () => null,
        (error: ServiceError) => error,
      );
      expect(grpcError?.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(grpcError?.details).toContain(message);
      expect(grpcError && retryDelayOf(grpcError)).toBeTruthy();

      // The official HTTP exporter starts while the gate is still full; the upload then completes.
      const viaHttp = sendSpans(
        makeExporter("http/protobuf", server.otlpHttpUrl),
        (tracer) => tracer.startSpan("GET /admitted-http", { kind: SpanKind.SERVER }).end(),
        { "service.name": "admission-http" },
      );
      held.finish();
      expect(await held.answered).toBe(200);
      await viaHttp;
      await sendSpans(
        new GrpcExporter({ url: server.otlpGrpcUrl }),
        (tracer) => tracer.startSpan("GET /admitted-grpc", { kind: SpanKind.SERVER }).end(),
        { "service.name": "admission-grpc" },
      );
      const { rows } = await db.query<{ name: string }>(
        "SELECT name FROM spans WHERE service_name LIKE 'admission-%' ORDER BY name",
      );
      expect(rows.map((row) => row.name)).toEqual(["GET /admitted-grpc", "GET /admitted-http"]);
    } finally {
      grpc.close();
      await db.end();
      await server.stop();
      await database.drop();
    }
  }, 60_000);
});
