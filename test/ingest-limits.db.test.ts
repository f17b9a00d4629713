// Per-request and per-span limits (#21), with the official SDK and OTLP/protobuf exporter (its own
// limits raised so the excess reaches Tracewell, as from a sender configured without limits):
// past SPAN_MAX_ATTRIBUTES / SPAN_MAX_EVENTS / SPAN_MAX_LINKS the excess is dropped and counted in
// the span's dropped_*_count, long values are cut with a marker, and a request with more spans than
// INGEST_MAX_SPANS_PER_REQUEST is refused whole (413) with a message saying what to change.
import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { ownTracewell } from "@/test/support/own-tracewell";
import { recordingFailures } from "@/test/support/send-spans";

const own = ownTracewell({
  env: {
    SPAN_MAX_ATTRIBUTES: "10",
    SPAN_MAX_EVENTS: "3",
    SPAN_MAX_LINKS: "2",
    SPAN_ATTRIBUTE_VALUE_MAX_LENGTH: "100",
    INGEST_MAX_SPANS_PER_REQUEST: "50",
  },
});

describe("ingest limits", () => {
  it("drops and counts what exceeds a span's limits, and cuts long values with a marker", async () => {
    const failures: string[] = [];
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": "limits-check" }),
      spanLimits: { attributeCountLimit: 1000, eventCountLimit: 1000, linkCountLimit: 1000 },
      spanProcessors: [
        new SimpleSpanProcessor(
          recordingFailures(
            new OTLPTraceExporter({ url: `${own.tracewell.otlpHttpUrl}/v1/traces` }),
            failures,
          ),
        ),
      ],
    });
    const tracer = provider.getTracer("limits");
    const linked = tracer.startSpan("linked", {}, ROOT_CONTEXT);
    linked.end();
    const attributes: Record<string, string> = { "long.value": "v".repeat(500) };
    for (let i = 0; i < 14; i++) attributes[`attr.${String(i).padStart(2, "0")}`] = `value ${i}`;
    const span = tracer.startSpan(
      "GET /limits",
      {
        kind: SpanKind.SERVER,
        attributes,
        links: Array.from({ length: 4 }, () => ({ context: linked.spanContext() })),
      },
      trace.setSpan(ROOT_CONTEXT, linked),
    );
    for (let i = 0; i < 5; i++) span.addEvent(`event ${i}`, { "event.value": "e".repeat(300) });
    span.end();
    await provider.forceFlush();
    await provider.shutdown();
    expect(failures).toEqual([]);

    const { rows } = await own.pool.query(
      `SELECT attributes, events, links, dropped_attributes_count, dropped_events_count, dropped_links_count
       FROM spans WHERE name = 'GET /limits'`,
    );
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(Object.keys(row.attributes)).toHaveLength(10);
    expect(row.dropped_attributes_count).toBe(5);
    expect(row.attributes["long.value"]).toHaveLength(100);
    expect(row.attributes["long.value"]).toMatch(/^v+…\[truncated]$/);
    expect(row.events).toHaveLength(3);
    expect(row.dropped_events_count).toBe(2);
    expect(row.events[0].attributes["event.value"]).toMatch(/^e+…\[truncated]$/);
    expect(row.links).toHaveLength(2);
    expect(row.dropped_links_count).toBe(2);
  });

  it("refuses a request with more spans than INGEST_MAX_SPANS_PER_REQUEST, saying what to change", async () => {
    const body = makeTraceExport({ spans: 60 }).protobuf;
    const response = await fetch(`${own.tracewell.otlpHttpUrl}/v1/traces`, {
      method: "POST",
      body: body as BodyInit,
      headers: { "content-type": "application/x-protobuf", accept: "application/json" },
    });
    expect(response.status).toBe(413);
    const json = await fetch(`${own.tracewell.otlpHttpUrl}/v1/traces`, {
      method: "POST",
      body: makeTraceExport({ spans: 60 }).json as BodyInit,
      headers: { "content-type": "application/json" },
    });
    expect(json.status).toBe(413);
    expect(((await json.json()) as { message: string }).message).toMatch(
      /60 spans in one request; send at most 50 \(INGEST_MAX_SPANS_PER_REQUEST\)/,
    );
    const fits = await fetch(`${own.tracewell.otlpHttpUrl}/v1/traces`, {
      method: "POST",
      body: makeTraceExport({ spans: 50 }).protobuf as BodyInit,
      headers: { "content-type": "application/x-protobuf" },
    });
    expect(fits.status).toBe(200);
  });
});
