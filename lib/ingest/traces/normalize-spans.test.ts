import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { normalizeTraceRequest } from "@/lib/ingest/traces/normalize-spans";
import type { SpanRow } from "@/lib/ingest/traces/span-row";
import { decodeTraceRequestJson } from "@/lib/otlp/decode-traces-json";
import { decodeTraceRequestProto } from "@/lib/otlp/decode-traces-proto";
import type { OtlpResource, OtlpScope, OtlpSpan, OtlpTraceRequest } from "@/lib/otlp/types";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";

const SECOND = 1_000_000_000n;
const now = 1_800_000_000n * SECOND;
const opts = { nowUnixNano: now, maxPastNanos: 7n * 86_400n * SECOND, maxFutureNanos: 3_600n * SECOND };

// One SDK-made span (the root of a 5-span trace), moved to `now`: the valid base every case edits.
const fixture = decodeTraceRequestProto(makeTraceExport({ seed: 3 }).protobuf);
const sdkSpans = fixture.resourceSpans[0]?.scopeSpans[0]?.spans ?? [];
const sdkRoot = sdkSpans.find((s) => s.parentSpanId.length === 0) as OtlpSpan;
const base: OtlpSpan = { ...sdkRoot, startTimeUnixNano: now - SECOND, endTimeUnixNano: now };

function request(
  spans: OtlpSpan[],
  resource: OtlpResource = { attributes: { "service.name": "checkout" }, droppedAttributesCount: 0 },
  scope: OtlpScope = { name: "lib", version: "1.0" },
): OtlpTraceRequest {
  return { resourceSpans: [{ resource, scopeSpans: [{ scope, spans }] }] };
}

function normalizeOne(edit: Partial<OtlpSpan>) {
  return normalizeTraceRequest(request([{ ...base, ...edit }]), opts);
}

function row(edit: Partial<OtlpSpan>): SpanRow {
  const batch = normalizeOne(edit);
  expect(batch.rejectionMessage).toBe("");
  return batch.spans[0] as SpanRow;
}

const bytes = (length: number, fill = 1) => new Uint8Array(length).fill(fill);

describe("normalizeTraceRequest rejects invalid spans, one by one", () => {
  it.each([
    ["a 15-byte trace_id", { traceId: bytes(15) }, "trace_id must be 16 bytes"],
    ["an empty trace_id", { traceId: bytes(0) }, "trace_id must be 16 bytes"],
    [
      "an all-zero trace_id",
      { traceId: bytes(16, 0) },
      "trace_id must be 16 bytes (32 hex digits in OTLP/JSON) and not all zero",
    ],
    ["a 9-byte span_id", { spanId: bytes(9) }, "span_id must be 8 bytes"],
    [
      "an all-zero span_id",
      { spanId: bytes(8, 0) },
      "span_id must be 8 bytes (16 hex digits in OTLP/JSON) and not all zero",
    ],
    [
      "a 4-byte parent_span_id",
      { parentSpanId: bytes(4) },
      "parent_span_id must be empty (root span) or 8 bytes",
    ],
    ["a 1-byte parent (non-hex in OTLP/JSON)", { parentSpanId: bytes(1) }, "parent_span_id must be empty"],
    ["no start time", { startTimeUnixNano: 0n }, "start_time_unix_nano is not set"],
    [
      "a start 1ns before the past window",
      { startTimeUnixNano: now - opts.maxPastNanos - 1n },
      "is more than 7d in the past",
    ],
    [
      "a start 1ns after the future window",
      { startTimeUnixNano: now + opts.maxFutureNanos + 1n },
      "is more than 1h in the future; check the sender's clock",
    ],
  ])("%s", (_shape, edit, reason) => {
    const batch = normalizeOne(edit);
    expect(batch.spans).toEqual([]);
    expect(batch.rejectedSpans).toBe(1);
    expect(batch.rejectionMessage).toMatch(
      /^1 span rejected: span [0-9a-f]+ at resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]: /,
    );
    expect(batch.rejectionMessage).toContain(reason);
  });

  it("counts every rejected span, keeps the first reason and stores the valid ones", () => {
    const spans = [
      { ...base, spanId: bytes(8, 7) },
      { ...base, traceId: bytes(16, 0) },
      { ...base, spanId: bytes(3) },
      { ...base, startTimeUnixNano: 1n },
    ];
    const batch = normalizeTraceRequest(request(spans), opts);
    expect(batch.spans).toHaveLength(1);
    expect(batch.rejectedSpans).toBe(3);
    expect(batch.rejectionMessage).toMatch(
      /^3 spans rejected: span [0-9a-f]{16} at .*spans\[1\]: trace_id must be/,
    );
  });
});

describe("normalizeTraceRequest maps valid spans onto SpanRow", () => {
  it.each([
    [
      "a start exactly at the past edge",
      { startTimeUnixNano: now - opts.maxPastNanos },
      "startTimeUnixNano",
      now - opts.maxPastNanos,
    ],
    [
      "a start exactly at the future edge",
      { startTimeUnixNano: now + opts.maxFutureNanos, endTimeUnixNano: 0n },
      "durationNano",
      0n,
    ],
    ["an end before the start", { endTimeUnixNano: now - 2n * SECOND }, "durationNano", 0n],
    ["an end 1s after the start", {}, "durationNano", SECOND],
    [
      "an end past the BIGINT range",
      { endTimeUnixNano: 2n ** 64n - 1n },
      "durationNano",
      2n ** 63n - 1n - (now - SECOND),
    ],
    ["an empty parent", { parentSpanId: bytes(0) }, "parentSpanId", null],
    ["an all-zero 8-byte parent", { parentSpanId: bytes(8, 0) }, "parentSpanId", null],
    ["an 8-byte parent", { parentSpanId: bytes(8, 0xab) }, "parentSpanId", Buffer.from(bytes(8, 0xab))],
    ["an unknown kind", { kind: 9 }, "kind", 0],
    ["a negative kind", { kind: -1 }, "kind", 0],
    ["a consumer kind", { kind: 5 }, "kind", 5],
    ["an unknown status code", { status: { code: 7, message: "" } }, "statusCode", 0],
    ["an error status", { status: { code: 2, message: "boom" } }, "statusMessage", "boom"],
    ["an empty status message", { status: { code: 2, message: "" } }, "statusMessage", null],
    ["an empty trace state", { traceState: "" }, "traceState", null],
    ["a trace state", { traceState: "congo=t61" }, "traceState", "congo=t61"],
    ["all 32 flag bits set", { flags: 0xffff_ffff }, "flags", -1],
    [
      "a dropped count past INTEGER",
      { droppedAttributesCount: 0xffff_ffff },
      "droppedAttributesCount",
      0x7fff_ffff,
    ],
    ["NUL and a lone surrogate in the name", { name: "a\u0000b\ud800" }, "name", "ab\uFFFD"],
    ["a NUL in the status message", { status: { code: 2, message: "\u0000" } }, "statusMessage", null],
    ["no events", { events: [] }, "eventsJson", null],
    ["no links", { links: [] }, "linksJson", null],
  ])("%s", (_shape, edit, field, expected) => {
    expect(row(edit)[field as keyof SpanRow]).toEqual(expected);
  });

  it("maps scope, service and resource onto the row; an empty scope name or version is null", () => {
    const scoped = normalizeTraceRequest(request([base], undefined, { name: "\u0000", version: "" }), opts);
    expect(scoped.spans[0]).toMatchObject({ scopeName: null, scopeVersion: null, serviceName: "checkout" });
    expect(scoped.spans[0]?.resourceId).toBe(scoped.resources[0]?.id);
  });

  it("writes attributes, events and links as jsonb-ready JSON with times as strings", () => {
    // The SDK made these spans a minute before the real clock's now, not the test's `now`.
    const batch = normalizeTraceRequest(fixture, { ...opts, nowUnixNano: sdkRoot.startTimeUnixNano });
    const rows = batch.spans;
    expect(rows).toHaveLength(5);
    const consumer = rows.find((r) => r.kind === 5);
    const events = JSON.parse(consumer?.eventsJson ?? "null");
    expect(events).toEqual([
      {
        name: "exception",
        timeUnixNano: expect.stringMatching(/^\d{19}$/),
        attributes: expect.objectContaining({ "exception.type": "Error" }),
      },
    ]);
    const root = rows.find((r) => r.parentSpanId === null);
    expect(JSON.parse(root?.attributesJson ?? "{}")).toMatchObject({
      "app.order.snowflake": "1152921504606846976",
    });
  });

  it("writes links with hex ids, their trace state and non-zero flags", () => {
    const twoTraces = decodeTraceRequestProto(makeTraceExport({ spans: 10, seed: 4 }).protobuf);
    const first = twoTraces.resourceSpans[0]?.scopeSpans[0]?.spans[0] as OtlpSpan;
    const rows = normalizeTraceRequest(twoTraces, { ...opts, nowUnixNano: first.startTimeUnixNano }).spans;
    const links = JSON.parse(rows.find((r) => r.linksJson !== null)?.linksJson ?? "null");
    expect(links).toEqual([
      {
        traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
        spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
        traceState: "tw=prev,congo=t61rcWkgMzE",
        attributes: { "link.reason": "follows-from", "link.weight": 1 },
        flags: 0x101,
      },
    ]);
  });
});

describe("normalizeTraceRequest keeps every string valid for PostgreSQL text and jsonb", () => {
  const nasty = "x\u0000\ud800y\udc00";
  const clean = "x\uFFFDy\uFFFD";
  const attributes = { [nasty]: nasty, nested: [{ [nasty]: [nasty] }] };

  it("strips NUL and replaces lone surrogates everywhere, from OTLP/JSON escapes too", () => {
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: nasty } }] },
          scopeSpans: [
            {
              scope: { name: nasty, version: nasty },
              spans: [
                {
                  traceId: "01".repeat(16),
                  spanId: "02".repeat(8),
                  name: nasty,
                  traceState: nasty,
                  startTimeUnixNano: String(now),
                  status: { code: 2, message: nasty },
                  attributes: [
                    {
                      key: nasty,
                      value: { kvlistValue: { values: [{ key: nasty, value: { stringValue: nasty } }] } },
                    },
                  ],
                  events: [{ name: nasty, attributes: [{ key: nasty, value: { stringValue: nasty } }] }],
                  links: [{ traceId: "03".repeat(16), spanId: "04".repeat(8), traceState: nasty }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(body).toContain("\\u0000");
    const batch = normalizeTraceRequest(decodeTraceRequestJson(body), opts);
    const span = batch.spans[0] as SpanRow;
    for (const text of [
      span.name,
      span.traceState,
      span.statusMessage,
      span.scopeName,
      span.scopeVersion,
      span.serviceName,
    ]) {
      expect(text).toBe(clean);
    }
    expect(JSON.parse(span.attributesJson)).toEqual({ [clean]: { [clean]: clean } });
    expect(JSON.parse(span.eventsJson ?? "")[0]).toMatchObject({
      name: clean,
      attributes: { [clean]: clean },
    });
    expect(JSON.parse(span.linksJson ?? "")[0].traceState).toBe(clean);
    expect(batch.resources[0]?.attributesJson).toBe(`{"service.name":"${clean}"}`);
    for (const json of [
      span.attributesJson,
      span.eventsJson,
      span.linksJson,
      batch.resources[0]?.attributesJson,
    ]) {
      expect(json).not.toMatch(/\\u0000|\\ud[89a-f]/i);
    }
  });

  it("returns a clean attribute map unchanged and a dirty one as a cleaned copy", () => {
    expect(JSON.parse(row({ attributes }).attributesJson)).toEqual({
      [clean]: clean,
      nested: [{ [clean]: [clean] }],
    });
    expect(attributes[nasty]).toBe(nasty); // the decoded request is not modified
  });
});

describe("normalizeTraceRequest resources", () => {
  const resource = (attributes: OtlpResource["attributes"]): OtlpResource => ({
    attributes,
    droppedAttributesCount: 0,
  });

  it("makes one row per distinct resource, whatever the key order", () => {
    const a = resource({ "service.name": "a", "host.name": "h1", b: 1, "2": true, "10": [1] });
    const sameAsA = resource({ "10": [1], "2": true, b: 1, "host.name": "h1", "service.name": "a" });
    const b = resource({ "service.name": "b" });
    const req: OtlpTraceRequest = {
      resourceSpans: [a, sameAsA, b].map((r) => ({
        resource: r,
        scopeSpans: [{ scope: { name: "", version: "" }, spans: [base] }],
      })),
    };
    const batch = normalizeTraceRequest(req, opts);
    expect(batch.resources).toHaveLength(2);
    const canonical = '{"10":[1],"2":true,"b":1,"host.name":"h1","service.name":"a"}';
    expect(batch.resources[0]).toEqual({
      id: createHash("sha256").update(canonical).digest().readBigInt64BE(0),
      serviceName: "a",
      attributesJson: canonical,
    });
    expect(batch.spans.map((s) => s.resourceId)).toEqual([
      batch.resources[0]?.id,
      batch.resources[0]?.id,
      batch.resources[1]?.id,
    ]);
    expect(batch.spans.map((s) => s.serviceName)).toEqual(["a", "a", "b"]);
  });

  it.each([
    ["no service.name", {}],
    ["an empty service.name", { "service.name": "" }],
    ["a numeric service.name", { "service.name": 5 }],
  ])("names the service unknown_service for %s", (_shape, attributes) => {
    const batch = normalizeTraceRequest(request([base], resource(attributes)), opts);
    expect(batch.resources[0]?.serviceName).toBe("unknown_service");
    expect(batch.spans[0]?.serviceName).toBe("unknown_service");
  });
});
