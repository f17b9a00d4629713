// GET /api/traces/{traceId}?format=compact carries the same trace as the JSON shape: a trace sent
// by the official exporter from two services, with every kind of field the columns encode
// (attributes of each type, events, links, a status message, a parent that never arrived),
// read in both formats, the compact one decoded by the page's own decoder and compared whole.
//
//   GET /compact SERVER (svc A)  0──────────────60   status ERROR "boom"
//   ├── query     CLIENT (svc A)   10─20             attributes of every type, an event
//   │   └── work  INTERNAL (svc B)   12─18           a link to the root
//   └── step      PRODUCER (svc B)         30─40
//   orphan        CONSUMER (svc B)  (parent span id never sent)
import { randomBytes } from "node:crypto";
import {
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
} from "@opentelemetry/api";
import { describe, expect, inject, it } from "vitest";
import { type CompactTrace, compactTraceSchema, decodeCompactTrace } from "@/lib/contracts/compact-trace";
import { type TraceResponse, traceResponseSchema } from "@/lib/contracts/trace-schema";
import { eventually } from "./support/eventually";
import { makeExporter, sendSpans } from "./support/send-spans";

const { baseUrl, otlpHttpUrl } = inject("tracewell");
const suffix = randomBytes(3).toString("hex");

async function compactOf(traceId: string, query = ""): Promise<CompactTrace> {
  const response = await fetch(`${baseUrl}/api/traces/${traceId}?format=compact${query}`);
  expect(response.status).toBe(200);
  return compactTraceSchema.parse(await response.json()) as CompactTrace;
}

describe("compact trace format", () => {
  it("decodes to exactly the JSON shape, capped or not; 400 for an unknown format", async () => {
    const t0 = Date.now() - 60_000;
    let traceId = "";
    let rootContext = ROOT_CONTEXT;
    let querySpan: Span | undefined;
    let rootSpanContext: SpanContext | undefined;
    await sendSpans(
      makeExporter("http/protobuf", otlpHttpUrl),
      (tracer) => {
        const root = tracer.startSpan("GET /compact", { kind: SpanKind.SERVER, startTime: t0 }, ROOT_CONTEXT);
        traceId = root.spanContext().traceId;
        rootSpanContext = root.spanContext();
        rootContext = trace.setSpan(ROOT_CONTEXT, root);
        const query = tracer.startSpan(
          "query",
          {
            kind: SpanKind.CLIENT,
            startTime: t0 + 10,
            attributes: {
              "db.query.text": "SELECT 1",
              "db.rows": 3,
              "db.ratio": 0.25,
              "db.cached": true,
              "db.tags": ["a", "b"],
            },
          },
          rootContext,
        );
        query.addEvent("retry", { attempt: 2 }, t0 + 11);
        query.end(t0 + 20);
        querySpan = query;
        tracer.startSpan("step", { kind: SpanKind.PRODUCER, startTime: t0 + 30 }, rootContext).end(t0 + 40);
        root.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
        root.end(t0 + 60);
      },
      { "service.name": `compact-a-${suffix}`, "host.name": "a" },
    );
    await sendSpans(
      makeExporter("http/json", otlpHttpUrl),
      (tracer) => {
        const queryContext = trace.setSpan(ROOT_CONTEXT, querySpan as Span);
        tracer
          .startSpan(
            "work",
            { startTime: t0 + 12, links: [{ context: rootSpanContext as SpanContext }] },
            queryContext,
          )
          .end(t0 + 18);
        const missingParent = trace.setSpanContext(ROOT_CONTEXT, {
          traceId,
          spanId: randomBytes(8).toString("hex"),
          traceFlags: TraceFlags.SAMPLED,
          isRemote: true,
        });
        tracer
          .startSpan("orphan", { kind: SpanKind.CONSUMER, startTime: t0 + 50 }, missingParent)
          .end(t0 + 55);
      },
      { "service.name": `compact-b-${suffix}` },
    );

    // Compared as sent, not as zod parsed it: parsing drops keys the schema does not name.
    const json = await eventually(async () => {
      const body: unknown = await (await fetch(`${baseUrl}/api/traces/${traceId}`)).json();
      expect(traceResponseSchema.parse(body).spans).toHaveLength(5);
      return body as TraceResponse;
    });
    // Ordered by start time, then span id (sorted in Node, not by PostgreSQL, when uncapped).
    const order = json.spans.map((s) => `${s.startTimeUnixNano}:${s.spanId}`);
    expect(order).toEqual([...order].sort());
    // The fixture exercises what it claims to.
    expect(json.spans.find((s) => s.name === "orphan")?.parentSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(json.spans.find((s) => s.name === "query")?.events).toHaveLength(1);
    expect(json.spans.find((s) => s.name === "work")?.links).toHaveLength(1);

    const compact = await compactOf(traceId);
    expect(compact.spans.missingParents).not.toEqual({});
    const { timing, parentRows, ...decoded } = decodeCompactTrace(compact);
    expect(decoded).toEqual(json);
    // The parent rows the page's span tree reuses: each span's parent's row, -1 for none here.
    expect([...(parentRows ?? [])]).toEqual(
      json.spans.map((s) => json.spans.findIndex((p) => p.spanId === s.parentSpanId)),
    );
    // The timing the page's span tree reuses is the spans' own, relative to the earliest start.
    const earliest = BigInt(json.spans[0]?.startTimeUnixNano ?? "0");
    expect(timing?.startUnixNano).toBe(earliest);
    expect([...(timing?.offsetNs ?? [])]).toEqual(
      json.spans.map((s) => Number(BigInt(s.startTimeUnixNano) - earliest)),
    );
    expect([...(timing?.durationNs ?? [])]).toEqual(
      json.spans.map((s) => Number(BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano))),
    );

    // With the cap: the same earliest spans and the same counts.
    const cappedJson: unknown = await (await fetch(`${baseUrl}/api/traces/${traceId}?maxSpans=3`)).json();
    const {
      timing: _cappedTiming,
      parentRows: _cappedParentRows,
      ...capped
    } = decodeCompactTrace(await compactOf(traceId, "&maxSpans=3"));
    expect(capped).toEqual(cappedJson);
    expect(capped.omittedSpanCount).toBe(2);

    const response = await fetch(`${baseUrl}/api/traces/${traceId}?format=xml`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/format=compact/);
  });
});
