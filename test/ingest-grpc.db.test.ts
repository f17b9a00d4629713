// OTLP/gRPC ingest end to end: the official gRPC exporter sends to the running server, and every
// span reads back through GET /api/traces/{id} as the SDK recorded it. Bad input gets the status
// the OTLP spec asks for, the server stays up, and what was acknowledged is intact.
//
// The trace the exporter sends:
//
//   POST /checkout          SERVER   root; attributes of every type
//   ├── SELECT carts        CLIENT   event "db.retry"
//   └── charge card         CLIENT   status ERROR "card declined"; link to the root

import { credentials, makeGenericClientConstructor, type ServiceError, status } from "@grpc/grpc-js";
import { ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { traceResponseSchema } from "@/lib/contracts/trace-schema";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { OtlpGrpcExportClient, retryDelayOf } from "@/test/support/grpc-export-client";
import { hrTimeToNanos, sendSpans } from "@/test/support/send-spans";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

const { baseUrl, otlpGrpcUrl, databaseUrl } = inject("tracewell");
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const client = new OtlpGrpcExportClient(otlpGrpcUrl);
afterAll(async () => {
  client.close();
  await db.end();
});

const MiB = 1024 * 1024;
/** The exporter's CompressionAlgorithm enum, whose package is not a direct dependency */
type Compression = NonNullable<ConstructorParameters<typeof OTLPTraceExporter>[0]>["compression"];

function recordCheckoutTrace(tracer: Tracer): void {
  const under = (parent: Span) => trace.setSpan(ROOT_CONTEXT, parent);
  const root = tracer.startSpan(
    "POST /checkout",
    {
      kind: SpanKind.SERVER,
      attributes: {
        "http.request.method": "POST",
        "http.route": "/checkout",
        "http.response.status_code": 402,
        "app.ratio": 0.5,
        "app.retry": false,
        "app.tags": ["eu", "vip"],
        "app.sizes": [3, 4],
      },
    },
    ROOT_CONTEXT,
  );
  const db = tracer.startSpan("SELECT carts", { kind: SpanKind.CLIENT }, under(root));
  db.addEvent("db.retry", { attempt: 2 });
  db.end();
  const charge = tracer.startSpan(
    "charge card",
    {
      kind: SpanKind.CLIENT,
      links: [{ context: root.spanContext(), attributes: { "link.kind": "caller" } }],
    },
    under(root),
  );
  charge.setStatus({ code: SpanStatusCode.ERROR, message: "card declined" });
  charge.end();
  root.end();
}

const kindNames = ["INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];

async function expectStoredAsRecorded(recorded: ReadableSpan[]): Promise<void> {
  const traceId = recorded[0]?.spanContext().traceId as string;
  const response = await fetch(`${baseUrl}/api/traces/${traceId}`);
  expect(response.status).toBe(200);
  const stored = traceResponseSchema.parse(await response.json());
  expect(stored.spans).toHaveLength(recorded.length);
  for (const sdkSpan of recorded) {
    const span = stored.spans.find((s) => s.spanId === sdkSpan.spanContext().spanId);
    expect(span, sdkSpan.name).toMatchObject({
      name: sdkSpan.name,
      parentSpanId: sdkSpan.parentSpanContext?.spanId ?? null,
      kind: kindNames[sdkSpan.kind],
      service: "checkout",
      startTimeUnixNano: hrTimeToNanos(sdkSpan.startTime).toString(),
      endTimeUnixNano: hrTimeToNanos(sdkSpan.endTime).toString(),
      attributes: sdkSpan.attributes,
      resource: { "service.name": "checkout", "service.version": "3.0.0" },
      scope: { name: "tracewell-tests", version: "1.0.0" },
      events: sdkSpan.events.map((event) => ({
        name: event.name,
        timeUnixNano: hrTimeToNanos(event.time).toString(),
        attributes: event.attributes ?? {},
      })),
    });
    expect(span?.links.map(({ traceId, spanId }) => ({ traceId, spanId }))).toEqual(
      sdkSpan.links.map((link) => ({ traceId: link.context.traceId, spanId: link.context.spanId })),
    );
    if (sdkSpan.status.message) expect(span?.status.message).toBe(sdkSpan.status.message);
  }
}

async function spanCount(traceIds: string[]): Promise<number> {
  const { rows } = await db.query("SELECT count(*)::int AS n FROM spans WHERE trace_id = ANY($1)", [
    traceIds.map((id) => Buffer.from(id, "hex")),
  ]);
  return rows[0].n;
}

const traceIdsOf = (spans: ReadableSpan[]) => [...new Set(spans.map((s) => s.spanContext().traceId))];

/** The ServiceError a call fails with (fails the test if it succeeds). */
async function failure(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error("the call succeeded");
}

const acknowledgedBefore = makeTraceExport({ spans: 5 });
beforeAll(async () => {
  await client.exportTraces(acknowledgedBefore.protobuf);
});

describe.each([false, true])("OTLP/gRPC ingest with the official gRPC exporter (gzip: %s)", (gzip) => {
  it("stores every span and serves it back span for span", async () => {
    const exporter = new OTLPTraceExporter({
      url: otlpGrpcUrl,
      ...(gzip ? { compression: "gzip" as Compression } : {}),
    });
    const recorded = await sendSpans(exporter, recordCheckoutTrace, {
      "service.name": "checkout",
      "service.version": "3.0.0",
    });
    expect(recorded).toHaveLength(3);
    await expectStoredAsRecorded(recorded);
  });
});

describe("OTLP/gRPC durability and idempotency", () => {
  it("stores the same request sent twice (with and without gzip) once, and answers an empty response", async () => {
    const batch = makeTraceExport({ spans: 10 });
    const gzipClient = new OtlpGrpcExportClient(otlpGrpcUrl, { gzip: true });
    try {
      expect((await client.exportTraces(batch.protobuf)).length).toBe(0);
      expect((await gzipClient.exportTraces(batch.protobuf)).length).toBe(0);
    } finally {
      gzipClient.close();
    }
    expect(await spanCount(traceIdsOf(batch.spans))).toBe(10);
  });

  it("answers partial success for a span with an invalid id and keeps the valid one", async () => {
    const batch = makeTraceExport({ spans: 2 });
    const child = batch.spans.find((span) => span.parentSpanContext) as ReadableSpan;
    // Zero the child's span_id (Span field 2: tag 0x12, length 8) in the SDK's own encoding.
    const body = Buffer.from(batch.protobuf);
    const id = Buffer.from(child.spanContext().spanId, "hex");
    const at = body.indexOf(Buffer.concat([Buffer.from([0x12, 0x08]), id]));
    expect(at).toBeGreaterThan(0);
    body.fill(0, at + 2, at + 10);

    const response = ProtobufTraceSerializer.deserializeResponse(await client.exportTraces(body));
    expect(Number(response.partialSuccess?.rejectedSpans)).toBe(1);
    expect(response.partialSuccess?.errorMessage).toMatch(/span_id must be 8 bytes .* and not all zero/);
    expect(await spanCount(traceIdsOf(batch.spans))).toBe(1);
  });
});

describe("OTLP/gRPC error answers", () => {
  it("INVALID_ARGUMENT with a message for garbage bytes", async () => {
    const garbage = Uint8Array.from({ length: 256 }, (_, i) => (i * 73 + 11) % 256);
    const error = await failure(client.exportTraces(garbage));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toMatch(/^malformed OTLP request: invalid protobuf body/);
  });

  it("INVALID_ARGUMENT for a truncated request, on the metrics service too", async () => {
    const body = acknowledgedBefore.protobuf.slice(0, -7);
    expect((await failure(client.exportTraces(body))).code).toBe(status.INVALID_ARGUMENT);
    expect((await failure(client.exportMetrics(Uint8Array.of(0x0a, 0x05)))).code).toBe(
      status.INVALID_ARGUMENT,
    );
  });

  it("RESOURCE_EXHAUSTED for a message over the 16 MiB limit (grpc-js refuses it unread)", async () => {
    const error = await failure(client.exportTraces(new Uint8Array(17 * MiB)));
    expect(error.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(error.details).toMatch(/larger than max/);
  });

  it("RESOURCE_EXHAUSTED for a gzip message that inflates past the limit (a gzip bomb)", async () => {
    const gzipClient = new OtlpGrpcExportClient(otlpGrpcUrl, { gzip: true });
    try {
      const error = await failure(gzipClient.exportTraces(new Uint8Array(64 * MiB)));
      expect(error.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(error.details).toMatch(/decompresses to a size larger than 16777216/);
    } finally {
      gzipClient.close();
    }
  });

  it("UNIMPLEMENTED for a service Tracewell does not serve (logs)", async () => {
    const Logs = makeGenericClientConstructor(
      {
        export: {
          path: "/opentelemetry.proto.collector.logs.v1.LogsService/Export",
          requestStream: false,
          responseStream: false,
          requestSerialize: (b: Buffer) => b,
          requestDeserialize: (b: Buffer) => b,
          responseSerialize: (b: Buffer) => b,
          responseDeserialize: (b: Buffer) => b,
        },
      },
      "Logs",
    );
    const logs = new Logs(otlpGrpcUrl.replace("http://", ""), credentials.createInsecure());
    try {
      const error = await failure(
        new Promise((resolve, reject) =>
          (logs as unknown as { export: (b: Buffer, cb: (e: Error | null) => void) => void }).export(
            Buffer.alloc(0),
            (e) => (e ? reject(e) : resolve(undefined)),
          ),
        ),
      );
      expect(error.code).toBe(status.UNIMPLEMENTED);
    } finally {
      logs.close();
    }
  });

  it("stays up and keeps what was acknowledged before and after", async () => {
    const after = makeTraceExport({ spans: 5 });
    await client.exportTraces(after.protobuf);
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
    expect(await spanCount(traceIdsOf(acknowledgedBefore.spans))).toBe(5);
    expect(await spanCount(traceIdsOf(after.spans))).toBe(5);
  });
});

describe("OTLP/gRPC when saturated", () => {
  // A server of its own whose queue holds a single span, so concurrent exports overflow it.
  let database: TestDatabase;
  let server: TracewellProcess;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTracewellProcess({
      databaseUrl: database.url,
      env: { INGEST_MAX_QUEUED_SPANS: "1", INGEST_WRITERS: "1" },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("answers RESOURCE_EXHAUSTED with RetryInfo (1 s) to exports beyond the queue", async () => {
    const saturated = new OtlpGrpcExportClient(server.otlpGrpcUrl);
    try {
      const bodies = Array.from({ length: 16 }, () => makeTraceExport({ spans: 50 }).protobuf);
      const results = await Promise.allSettled(bodies.map((body) => saturated.exportTraces(body)));
      const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as ServiceError] : []));
      expect(refused.length).toBeGreaterThan(0);
      expect(results.some((r) => r.status === "fulfilled")).toBe(true);
      for (const error of refused) {
        expect(error.code).toBe(status.RESOURCE_EXHAUSTED);
        expect(error.details).toMatch(/ingest queue is full .*; retry later/);
        expect(retryDelayOf(error)).toBe(1000);
      }
    } finally {
      saturated.close();
    }
  });
});
