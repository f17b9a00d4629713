// OTLP/HTTP ingest end to end: the official exporters send to the running server, and every span
// reads back through GET /api/traces/{id} exactly as the SDK recorded it.
//
// The trace each exporter sends:
//
//   GET /orders/{id}        SERVER   root; attributes of every type
//   ├── SELECT orders       CLIENT   event "db.retry" with attributes
//   └── render              INTERNAL
//       └── charge card     CLIENT   status ERROR "card declined"; link to the root
import { ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, inject, it } from "vitest";
import { type TraceResponse, traceResponseSchema } from "@/lib/contracts/trace-schema";
import { type ExporterKind, hrTimeToNanos, makeExporter, sendSpans } from "@/test/support/send-spans";

const { baseUrl, otlpHttpUrl } = inject("tracewell");

const everyAttributeType = {
  "http.request.method": "GET",
  "http.route": "/orders/{id}",
  "http.response.status_code": 200,
  "app.ratio": 0.25,
  "app.cache.hit": true,
  "app.tags": ["a", "b"],
  "app.sizes": [1, 2, 3],
  "app.flags": [true, false],
  "app.doubles": [1.5, 2.5],
  "app.html": "<script>alert(1)</script>",
};

/** Parents are passed explicitly: the SDK under test has no global context manager. */
function recordOrderTrace(tracer: Tracer): void {
  const under = (parent: Span) => trace.setSpan(ROOT_CONTEXT, parent);
  const root = tracer.startSpan(
    "GET /orders/{id}",
    { kind: SpanKind.SERVER, attributes: everyAttributeType },
    ROOT_CONTEXT,
  );
  const db = tracer.startSpan(
    "SELECT orders",
    { kind: SpanKind.CLIENT, attributes: { "db.system": "postgresql" } },
    under(root),
  );
  db.addEvent("db.retry", { attempt: 2, reason: "timeout" });
  db.end();
  const render = tracer.startSpan("render", {}, under(root));
  const charge = tracer.startSpan(
    "charge card",
    {
      kind: SpanKind.CLIENT,
      links: [{ context: root.spanContext(), attributes: { "link.kind": "caller" } }],
    },
    under(render),
  );
  charge.setStatus({ code: SpanStatusCode.ERROR, message: "card declined" });
  charge.end();
  render.end();
  root.end();
}

async function fetchTrace(traceId: string): Promise<TraceResponse> {
  const response = await fetch(`${baseUrl}/api/traces/${traceId}`);
  expect(response.status).toBe(200);
  return traceResponseSchema.parse(await response.json());
}

const kindNames = ["INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];
const statusNames = ["UNSET", "OK", "ERROR"];

function expectSameSpans(recorded: ReadableSpan[], trace: TraceResponse): void {
  expect(trace.spans).toHaveLength(recorded.length);
  for (const sdkSpan of recorded) {
    const stored = trace.spans.find((span) => span.spanId === sdkSpan.spanContext().spanId);
    expect(stored, sdkSpan.name).toBeDefined();
    if (!stored) continue;
    const start = hrTimeToNanos(sdkSpan.startTime);
    const end = hrTimeToNanos(sdkSpan.endTime);
    expect(stored).toMatchObject({
      name: sdkSpan.name,
      parentSpanId: sdkSpan.parentSpanContext?.spanId ?? null,
      kind: kindNames[sdkSpan.kind],
      service: "checkout",
      startTimeUnixNano: start.toString(),
      endTimeUnixNano: end.toString(),
      status: { code: statusNames[sdkSpan.status.code] },
      attributes: sdkSpan.attributes,
      resource: {
        "service.name": "checkout",
        "service.version": "1.4.2",
        "deployment.environment.name": "test",
      },
      scope: { name: "tracewell-tests", version: "1.0.0" },
    });
    expect(stored.durationMs).toBeCloseTo(Number(end - start) / 1e6, 6);
    if (sdkSpan.status.message) expect(stored.status.message).toBe(sdkSpan.status.message);
    expect(stored.events).toEqual(
      sdkSpan.events.map((event) => ({
        name: event.name,
        timeUnixNano: hrTimeToNanos(event.time).toString(),
        attributes: event.attributes ?? {},
      })),
    );
    // Link flags carry W3C trace flags plus the OTLP "is remote" bits; compared elsewhere.
    expect(stored.links.map(({ traceId, spanId, attributes }) => ({ traceId, spanId, attributes }))).toEqual(
      sdkSpan.links.map((link) => ({
        traceId: link.context.traceId,
        spanId: link.context.spanId,
        attributes: link.attributes ?? {},
      })),
    );
  }
}

describe.each<[ExporterKind, boolean]>([
  ["http/protobuf", false],
  ["http/protobuf", true],
  ["http/json", false],
])("OTLP/HTTP ingest with the official %s exporter (gzip: %s)", (kind, gzip) => {
  it("stores every span and serves it back span for span", async () => {
    const recorded = await sendSpans(makeExporter(kind, otlpHttpUrl, { gzip }), recordOrderTrace, {
      "service.name": "checkout",
      "service.version": "1.4.2",
      "deployment.environment.name": "test",
    });
    expect(recorded).toHaveLength(4);
    const traceId = recorded[0]?.spanContext().traceId as string;
    expectSameSpans(recorded, await fetchTrace(traceId));
  });
});

describe("GET /api/traces/{traceId}", () => {
  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    const unknown = await fetch(`${baseUrl}/api/traces/${"ab".repeat(16)}`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatch(/not found/);
    const malformed = await fetch(`${baseUrl}/api/traces/not-a-trace-id`);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toMatch(/32 hexadecimal/);
  });
});

describe("GET /api/health", () => {
  it("reports ok once the database is migrated", async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
