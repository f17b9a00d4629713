import { describe, expect, it } from "vitest";
import { OtlpDecodeError, type OtlpSpan } from "@/lib/otlp/types";
import { makeTraceExport, recordExport, remoteParent } from "@/test/fixtures/otlp-fixtures";
import { decodeTraceRequestJson } from "./decode-traces-json";
import { decodeTraceRequestProto } from "./decode-traces-proto";

const ids = { traceId: "0102030405060708090a0b0c0d0e0f10", spanId: "1112131415161718" };

/** A request with one span made of `fields` over valid ids and times. */
function oneSpan(fields: Record<string, unknown>, resource: unknown = { attributes: [] }) {
  const span = { ...ids, name: "s", startTimeUnixNano: "1700000000000000000", ...fields };
  return JSON.stringify({
    resourceSpans: [{ resource, scopeSpans: [{ scope: { name: "x" }, spans: [span] }] }],
  });
}

function decodedSpan(fields: Record<string, unknown>): OtlpSpan {
  const span = decodeTraceRequestJson(oneSpan(fields)).resourceSpans[0]?.scopeSpans[0]?.spans[0];
  if (!span) throw new Error("no span decoded");
  return span;
}

const anyValue = (value: unknown) => decodedSpan({ attributes: [{ key: "k", value }] }).attributes.k;

describe("decodeTraceRequestJson on SDK exports", () => {
  it("decodes to the same OtlpTraceRequest as the protobuf body of the same spans", () => {
    const fixture = makeTraceExport({ spans: 25, services: ["checkout", "payments"] });
    expect(decodeTraceRequestJson(fixture.json)).toEqual(decodeTraceRequestProto(fixture.protobuf));
  });

  it("agrees with protobuf on trace state, remote parents, NUL and lone surrogates", () => {
    const fixture = recordExport(([tracer]) => {
      const parent = remoteParent("aa".repeat(16), "bb".repeat(8), "vendor=x");
      tracer?.startSpan("a\u0000b\ud800", { attributes: { "k\u0000": "v\udc00" } }, parent).end();
    });
    const fromJson = decodeTraceRequestJson(fixture.json);
    const fromProto = decodeTraceRequestProto(fixture.protobuf);
    const jsonSpan = fromJson.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    // Lone surrogates cannot cross UTF-8: protobuf carries U+FFFD, JSON the surrogate itself
    // (normalisation makes both U+FFFD); everything else is identical.
    expect(jsonSpan?.name).toBe("a\u0000b\ud800");
    expect(fromProto.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.name).toBe("a\u0000b\uFFFD");
    expect(jsonSpan?.traceState).toBe("vendor=x");
    expect(Buffer.from(jsonSpan?.parentSpanId ?? []).toString("hex")).toBe("bb".repeat(8));
  });
});

describe("decodeTraceRequestJson leniency", () => {
  it.each([
    ["kind as an enum name", { kind: "SPAN_KIND_CLIENT" }, (s: OtlpSpan) => s.kind, 3],
    ["kind as an integer", { kind: 4 }, (s: OtlpSpan) => s.kind, 4],
    [
      "status code as an enum name",
      { status: { code: "STATUS_CODE_ERROR" } },
      (s: OtlpSpan) => s.status.code,
      2,
    ],
    [
      "start time as a JSON number",
      { startTimeUnixNano: 1_700_000_000_000 },
      (s: OtlpSpan) => s.startTimeUnixNano,
      1_700_000_000_000n,
    ],
    [
      "start time past 2^53 as a string",
      { startTimeUnixNano: "1700000000123456789" },
      (s: OtlpSpan) => s.startTimeUnixNano,
      1_700_000_000_123_456_789n,
    ],
    [
      "dropped count as a string",
      { droppedAttributesCount: "3" },
      (s: OtlpSpan) => s.droppedAttributesCount,
      3,
    ],
    [
      "upper-case hex ids",
      { spanId: "ABCDEF0123456789" },
      (s: OtlpSpan) => Buffer.from(s.spanId).toString("hex"),
      "abcdef0123456789",
    ],
    ["an unknown field", { somethingNew: { deep: [1, 2] } }, (s: OtlpSpan) => s.name, "s"],
    [
      "null for optional fields",
      { traceState: null, events: null, status: null },
      (s: OtlpSpan) => s.status,
      { code: 0, message: "" },
    ],
  ])("accepts %s", (_shape, fields, pick, expected) => {
    expect(pick(decodedSpan(fields))).toEqual(expected);
  });

  it.each([
    ["intValue as a string", { intValue: "42" }, 42],
    ["intValue past 2^53 as a string", { intValue: "9007199254740993" }, "9007199254740993"],
    ["intValue as a number", { intValue: -7 }, -7],
    ["doubleValue as a string", { doubleValue: "Infinity" }, "Infinity"],
    ["bytesValue", { bytesValue: "AQL/" }, "AQL/"],
    ["an empty AnyValue", {}, null],
    ["a missing value", undefined, null],
    ["a kvlist", { kvlistValue: { values: [{ key: "a", value: { boolValue: false } }] } }, { a: false }],
    ["an array", { arrayValue: { values: [{ stringValue: "x" }, { intValue: "1" }] } }, ["x", 1]],
  ])("decodes %s", (_shape, value, expected) => {
    expect(anyValue(value)).toEqual(expected);
  });

  it.each([
    ["not hex", { spanId: "zz12131415161718" }, "spanId", 1],
    ["an odd number of digits", { traceId: "abc" }, "traceId", 1],
    ["a parent that is not hex", { parentSpanId: "not-hex!" }, "parentSpanId", 1],
    ["an empty parent", { parentSpanId: "" }, "parentSpanId", 0],
  ])(
    "decodes an id that is %s to a length normalisation rejects, without failing the request",
    (_s, fields, field, length) => {
      expect(decodedSpan(fields)[field as "spanId"].length).toBe(length);
    },
  );

  it("strips a UTF-8 byte order mark before the JSON", () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(oneSpan({}))]);
    expect(decodeTraceRequestJson(new Uint8Array(body)).resourceSpans).toHaveLength(1);
  });
});

describe("decodeTraceRequestJson errors name what is wrong and where", () => {
  const at = "resourceSpans[0].scopeSpans[0].spans[0]";
  it.each([
    ["malformed JSON", "{", /^invalid JSON body/],
    ["a top-level array", "[]", /^body: expected a JSON object/],
    ["a top-level null", "null", /^body: expected a JSON object/],
    ["resourceSpans not an array", '{"resourceSpans":{}}', /^resourceSpans: expected an array/],
    [
      "a null span",
      '{"resourceSpans":[{"scopeSpans":[{"spans":[null]}]}]}',
      `${at}: expected an object, not null`,
    ],
    [
      "a start time that is not an integer",
      oneSpan({ startTimeUnixNano: "12.5" }),
      `${at}.startTimeUnixNano: expected an integer string`,
    ],
    [
      "a negative start time",
      oneSpan({ startTimeUnixNano: -1 }),
      `${at}.startTimeUnixNano: expected an integer string`,
    ],
    [
      "an unknown kind name",
      oneSpan({ kind: "SERVER" }),
      `${at}.kind: expected an integer or one of SPAN_KIND_UNSPECIFIED`,
    ],
    ["a numeric name", oneSpan({ name: 5 }), `${at}.name: expected a string`],
    ["an id that is a number", oneSpan({ traceId: 12 }), `${at}.traceId: expected a hex string`],
    [
      "a string where a bool belongs",
      oneSpan({ attributes: [{ key: "k", value: { boolValue: "yes" } }] }),
      `${at}.attributes[0].value.boolValue: expected true or false`,
    ],
    [
      "a bad nested value",
      oneSpan({
        events: [
          { attributes: [{ key: "k", value: { arrayValue: { values: [{}, { intValue: "1e3" }] } } }] },
        ],
      }),
      `${at}.events[0].attributes[0].value.arrayValue.values[1].intValue: expected an int64`,
    ],
    [
      "resource attributes not an array",
      oneSpan({}, { attributes: {} }),
      "resourceSpans[0].resource.attributes: expected an array",
    ],
    [
      "a scope name that is not a string",
      '{"resourceSpans":[{"scopeSpans":[{"scope":{"name":1}}]}]}',
      "resourceSpans[0].scopeSpans[0].scope.name: expected a string",
    ],
  ])("%s", (_shape, body, message) => {
    expect(() => decodeTraceRequestJson(body)).toThrow(OtlpDecodeError);
    expect(() => decodeTraceRequestJson(body)).toThrow(message);
  });

  it.each([
    [32, null],
    [33, `${at}.attributes[0].value${".arrayValue.values[0]".repeat(32)}: nested deeper than 32 levels`],
    [100_000, "nested deeper than 32 levels"],
  ])("AnyValue nested %i levels deep: %s", (levels, error) => {
    // Written as text: JSON.stringify itself would overflow the stack at 100k levels.
    const value = `${'{"arrayValue":{"values":['.repeat(levels - 1)}{"stringValue":"x"}${"]}}".repeat(levels - 1)}`;
    const body = oneSpan({ attributes: [{ key: "k", value: "VALUE" }] }).replace('"VALUE"', value);
    if (error === null) expect(() => decodeTraceRequestJson(body)).not.toThrow();
    else expect(() => decodeTraceRequestJson(body)).toThrow(error);
  });
});
