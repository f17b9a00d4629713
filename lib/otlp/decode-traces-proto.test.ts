import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { OtlpDecodeError, type OtlpSpan, type OtlpTraceRequest } from "@/lib/otlp/types";
import { makeTraceExport, recordExport } from "@/test/fixtures/otlp-fixtures";
import { decodeTraceRequestProto } from "./decode-traces-proto";
import { ProtoWriter } from "./protobuf-writer";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const nanos = ([s, ns]: [number, number]) => BigInt(s) * 1_000_000_000n + BigInt(ns);
const allSpans = (req: OtlpTraceRequest) =>
  req.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));

/** Expects `decode` to fail with an OtlpDecodeError and no other kind of error. */
function expectDecodeError(body: Uint8Array) {
  try {
    decodeTraceRequestProto(body);
  } catch (err) {
    expect(err).toBeInstanceOf(OtlpDecodeError);
    return;
  }
  expect.unreachable(`decoded a malformed body: ${hex(body)}`);
}

describe("decodeTraceRequestProto on SDK exports", () => {
  const fixture = makeTraceExport({ spans: 10, seed: 42 });
  const decoded = decodeTraceRequestProto(fixture.protobuf);
  const byId = new Map(allSpans(decoded).map((s) => [hex(s.spanId), s]));
  const find = (sdk: ReadableSpan) => byId.get(sdk.spanContext().spanId) as OtlpSpan;

  it("decodes every span with its ids, name, kind, times, status and flags", () => {
    expect(byId.size).toBe(10);
    for (const sdk of fixture.spans) {
      const span = find(sdk);
      expect(hex(span.traceId)).toBe(sdk.spanContext().traceId);
      expect(hex(span.parentSpanId)).toBe(sdk.parentSpanContext?.spanId ?? "");
      expect(span.name).toBe(sdk.name);
      expect(span.kind).toBe(sdk.kind + 1); // the API has no UNSPECIFIED
      expect(span.startTimeUnixNano).toBe(nanos(sdk.startTime));
      expect(span.endTimeUnixNano).toBe(nanos(sdk.endTime));
      expect(span.status).toEqual({ code: sdk.status.code, message: sdk.status.message ?? "" });
      expect(span.flags).toBe(0x101); // sampled | CONTEXT_HAS_IS_REMOTE
    }
    expect(new Set([...byId.values()].map((s) => s.kind))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it("decodes attributes of every type, int64 past 2^53 as a decimal string", () => {
    const root = [...byId.values()].find((s) => s.parentSpanId.length === 0);
    expect(root?.attributes).toMatchObject({
      "http.request.method": "GET",
      "http.response.status_code": 200,
      "app.cart.total": 129.95,
      "app.cart.item_ids": [11, 42, 7],
      "app.cart.gift_flags": [true, false],
      "app.tags": ["vip", "eu-west"],
      "app.order.snowflake": "1152921504606846976",
      "app.clock.skew_ms": -42,
      "app.feature.new_checkout": true,
    });
  });

  it("decodes events, links with trace state, resource and scope", () => {
    const consumer = [...byId.values()].find((s) => s.kind === 5);
    expect(consumer?.events[0]).toMatchObject({
      name: "exception",
      attributes: { "exception.type": "Error", "exception.message": "payment service timed out" },
    });
    const producer = [...byId.values()].find((s) => s.links.length > 0);
    const sdkLink = fixture.spans.find((s) => s.links.length > 0)?.links[0];
    expect(producer?.links[0]).toMatchObject({
      traceState: "tw=prev,congo=t61rcWkgMzE",
      attributes: { "link.reason": "follows-from", "link.weight": 1 },
    });
    expect(hex(producer?.links[0]?.spanId ?? new Uint8Array())).toBe(sdkLink?.context.spanId);
    expect(decoded.resourceSpans[0]?.resource.attributes["service.name"]).toBe("checkout");
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.scope).toEqual({
      name: "tracewell-fixtures",
      version: "1.4.2",
    });
  });

  it("keeps one ResourceSpans per service", () => {
    const multi = decodeTraceRequestProto(makeTraceExport({ spans: 10, services: ["a", "b"] }).protobuf);
    expect(multi.resourceSpans.map((rs) => rs.resource.attributes["service.name"])).toEqual(["a", "b"]);
  });

  it("decodes invalid UTF-8 as U+FFFD and keeps NUL for normalisation to strip", () => {
    const value = new Uint8Array([0x61, 0xff, 0x62, 0x00]);
    const body = request(span().bytes(5, value));
    expect(allSpans(decodeTraceRequestProto(body))[0]?.name).toBe("a\uFFFDb\u0000");
  });

  it("decodes the empty body as a request with no spans", () => {
    expect(decodeTraceRequestProto(new Uint8Array())).toEqual({ resourceSpans: [] });
  });
});

describe("decodeTraceRequestProto on hand-made AnyValues", () => {
  const attr = (value: ProtoWriter | Uint8Array) =>
    allSpans(decodeTraceRequestProto(request(span().message(9, keyValue("k", value)))))[0]?.attributes.k;

  it.each([
    ["an unset AnyValue", new ProtoWriter(), null],
    ["bytes", new ProtoWriter().bytes(7, new Uint8Array([1, 2, 255])), "AQL/"],
    [
      "a kvlist",
      new ProtoWriter().message(6, new ProtoWriter().message(1, keyValue("x", str("y")))),
      { x: "y" },
    ],
    ["an int64 at -2^63", new ProtoWriter().int(3, -(2n ** 63n)), "-9223372036854775808"],
    ["an int64 of -(2^53 - 1)", new ProtoWriter().int(3, -(2 ** 53 - 1)), -(2 ** 53 - 1)],
    ["a double NaN", double(Number.NaN), "NaN"],
    ["a double -Infinity", double(Number.NEGATIVE_INFINITY), "-Infinity"],
  ])("%s", (_shape, value, expected) => {
    expect(attr(value)).toEqual(expected);
  });

  it("keeps an attribute named __proto__ as data", () => {
    const body = request(span().message(9, keyValue("__proto__", str("x"))));
    const attributes = allSpans(decodeTraceRequestProto(body))[0]?.attributes ?? {};
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(JSON.stringify(attributes)).toBe('{"__proto__":"x"}');
  });

  it("accepts AnyValue nesting up to 32 levels and refuses 33 without overflowing the stack", () => {
    expect(() => attr(nestedArray(31, str("deep")))).not.toThrow();
    expectDecodeError(request(span().message(9, keyValue("k", nestedArray(32, str("deep"))))));
    expectDecodeError(request(span().message(9, keyValue("k", nestedArray(1_000, str("deep"))))));
  });

  it("skips unknown fields of wire types 0, 1, 2 and 5 and refuses groups", () => {
    const unknown = [
      0xa8, 0x06, 0x01, 0xb1, 0x06, 1, 2, 3, 4, 5, 6, 7, 8, 0xba, 0x06, 0x01, 0x41, 0xc5, 0x06, 1, 2, 3, 4,
    ];
    const body = request(span().bytes(5, Buffer.from("ok")), unknown);
    expect(allSpans(decodeTraceRequestProto(body))[0]?.name).toBe("ok");
    expectDecodeError(request(span(), [0xab, 0x06])); // field 101, wire type 3 (start group)
    expectDecodeError(request(span(), [0xac, 0x06])); // wire type 4 (end group)
    expectDecodeError(request(span(), [0xae, 0x06])); // wire type 6 does not exist
  });
});

describe("decodeTraceRequestProto on malformed bodies", () => {
  // One ResourceSpans only: then no proper prefix ends on a field boundary, except the empty one.
  const valid = recordExport((tracers) => {
    for (let i = 0; i < 3; i++) tracers[0]?.startSpan(`span ${i}`, { attributes: { i, list: ["a"] } }).end();
  }).protobuf;

  it("throws OtlpDecodeError for every truncated prefix of a valid request", () => {
    for (let length = 1; length < valid.length; length++) expectDecodeError(valid.subarray(0, length));
  });

  it("only ever throws OtlpDecodeError on random garbage", () => {
    const random = seeded(1);
    for (let i = 0; i < 3_000; i++) {
      const body = Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256));
      expectOnlyDecodeErrors(body);
    }
  });

  it("only ever throws OtlpDecodeError when bytes of a valid request are corrupted", () => {
    const random = seeded(2);
    for (let i = 0; i < 3_000; i++) {
      const body = valid.slice();
      for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
        body[Math.floor(random() * body.length)] = Math.floor(random() * 256);
      }
      expectOnlyDecodeErrors(body);
    }
  });
});

function expectOnlyDecodeErrors(body: Uint8Array) {
  try {
    decodeTraceRequestProto(body);
  } catch (err) {
    if (!(err instanceof OtlpDecodeError)) throw new Error(`non-decode error for ${hex(body)}: ${err}`);
  }
}

/** ExportTraceServiceRequest with one span, plus raw trailing bytes inside the span. */
function request(spanMessage: ProtoWriter, extraSpanBytes: number[] = []): Uint8Array {
  const spanBytes = new Uint8Array([...spanMessage.finish(), ...extraSpanBytes]);
  const scopeSpans = new ProtoWriter().bytes(2, spanBytes);
  const resourceSpans = new ProtoWriter().message(2, scopeSpans);
  return new ProtoWriter().message(1, resourceSpans).finish();
}

function span() {
  return new ProtoWriter().bytes(1, new Uint8Array(16).fill(1)).bytes(2, new Uint8Array(8).fill(2));
}

function keyValue(key: string, value: ProtoWriter | Uint8Array) {
  return new ProtoWriter().string(1, key).bytes(2, value instanceof Uint8Array ? value : value.finish());
}

function str(value: string) {
  return new ProtoWriter().string(1, value);
}

function double(value: number) {
  const bytes = new Uint8Array(9);
  bytes[0] = (4 << 3) | 1;
  new DataView(bytes.buffer).setFloat64(1, value, true);
  return bytes;
}

/** `levels` ArrayValues wrapped around `leaf`. */
function nestedArray(levels: number, leaf: ProtoWriter): ProtoWriter {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = new ProtoWriter().message(5, new ProtoWriter().message(1, value));
  return value;
}

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}
