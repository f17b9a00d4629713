import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { describe, expect, it } from "vitest";
import { encodeExportResponse, encodeStatus } from "./encode-response";
import { ProtoReader } from "./protobuf-reader";

/** Reads a flat message of varint and string fields into { field: value }. */
function readFields(bytes: Uint8Array): Record<number, bigint | string | Uint8Array> {
  const r = new ProtoReader(bytes);
  const fields: Record<number, bigint | string | Uint8Array> = {};
  while (r.pos < r.limit) {
    const tag = r.tag();
    if ((tag & 7) === 0) {
      const lo = r.varint64();
      fields[tag >>> 3] = BigInt.asIntN(64, (BigInt(r.hi) << 32n) | BigInt(lo));
    } else fields[tag >>> 3] = r.bytes();
  }
  return fields;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("encodeExportResponse", () => {
  it.each([
    ["nothing to report (null)", null],
    ["zero rejected and no message", { rejected: 0, errorMessage: "" }],
  ])("is an empty message for %s", (_shape, partial) => {
    expect(encodeExportResponse("protobuf", partial)).toEqual(new Uint8Array());
    expect(text(encodeExportResponse("json", partial))).toBe("{}");
  });

  it("round-trips partial_success through protobuf", () => {
    const body = encodeExportResponse("protobuf", { rejected: 300, errorMessage: "3 spans rejected: ü" });
    const partial = readFields(readFields(body)[1] as Uint8Array);
    expect(partial[1]).toBe(300n);
    expect(text(partial[2] as Uint8Array)).toBe("3 spans rejected: ü");
  });

  it("is read back by the OpenTelemetry SDK's own response decoder", () => {
    const body = encodeExportResponse("protobuf", { rejected: 3, errorMessage: "bad ids" });
    expect(ProtobufTraceSerializer.deserializeResponse(body)).toMatchObject({
      partialSuccess: { rejectedSpans: 3, errorMessage: "bad ids" },
    });
  });

  it.each([
    ["spans", "rejectedSpans"],
    ["dataPoints", "rejectedDataPoints"],
    ["logRecords", "rejectedLogRecords"],
  ] as const)("writes JSON partialSuccess for %s with an int64 string count", (kind, field) => {
    const body = encodeExportResponse("json", { rejected: 3, errorMessage: "why" }, kind);
    expect(JSON.parse(text(body))).toEqual({ partialSuccess: { [field]: "3", errorMessage: "why" } });
  });
});

describe("encodeStatus", () => {
  it("round-trips google.rpc.Status through protobuf", () => {
    const fields = readFields(encodeStatus("protobuf", 3, "malformed OTLP request: truncated"));
    expect(fields[1]).toBe(3n);
    expect(text(fields[2] as Uint8Array)).toBe("malformed OTLP request: truncated");
  });

  it("encodes a negative code as a sign-extended varint", () => {
    expect(readFields(encodeStatus("protobuf", -1, ""))[1]).toBe(-1n);
  });

  it("omits a zero code and an empty message, as proto3 does", () => {
    expect(encodeStatus("protobuf", 0, "")).toEqual(new Uint8Array());
  });

  it("writes JSON with the code as a number", () => {
    expect(JSON.parse(text(encodeStatus("json", 14, "retry later")))).toEqual({
      code: 14,
      message: "retry later",
    });
  });
});
