import { describe, expect, it } from "vitest";
import { ProtoReader } from "@/lib/otlp/protobuf-reader";
import { encodeRetryStatus, RETRY_INFO_TYPE_URL } from "./grpc-status";

type Fields = Record<number, Array<bigint | Uint8Array>>;

/** Reads a message of varint and length-delimited fields into { field: [values] }. */
function readFields(bytes: Uint8Array): Fields {
  const r = new ProtoReader(bytes);
  const fields: Fields = {};
  while (r.pos < r.limit) {
    const tag = r.tag();
    const value =
      (tag & 7) === 0
        ? BigInt.asIntN(64, (BigInt(r.varint64()) & 0xffff_ffffn) | (BigInt(r.hi) << 32n))
        : r.bytes();
    fields[tag >>> 3] = [...(fields[tag >>> 3] ?? []), value];
  }
  return fields;
}

const text = (bytes: unknown) => new TextDecoder().decode(bytes as Uint8Array);

/** google.rpc.Status → { code, message, details: [{ typeUrl, retryDelay: { seconds, nanos } }] } */
function decodeStatus(bytes: Uint8Array) {
  const status = readFields(bytes);
  return {
    code: status[1]?.[0],
    message: text(status[2]?.[0]),
    details: (status[3] ?? []).map((any) => {
      const fields = readFields(any as Uint8Array);
      const retryInfo = readFields(fields[2]?.[0] as Uint8Array);
      const delay = readFields(retryInfo[1]?.[0] as Uint8Array);
      return { typeUrl: text(fields[1]?.[0]), retryDelay: { seconds: delay[1]?.[0], nanos: delay[2]?.[0] } };
    }),
  };
}

describe("encodeRetryStatus", () => {
  it.each([
    ["whole seconds (RESOURCE_EXHAUSTED, 1 s)", 8, 1_000, { seconds: 1n, nanos: undefined }],
    ["seconds and nanos (UNAVAILABLE, 5.25 s)", 14, 5_250, { seconds: 5n, nanos: 250_000_000n }],
    ["under a second", 14, 300, { seconds: undefined, nanos: 300_000_000n }],
  ])("is a google.rpc.Status with one RetryInfo: %s", (_shape, code, delayMs, retryDelay) => {
    expect(decodeStatus(encodeRetryStatus(code, "ingest queue is full; retry later", delayMs))).toEqual({
      code: BigInt(code),
      message: "ingest queue is full; retry later",
      details: [{ typeUrl: RETRY_INFO_TYPE_URL, retryDelay }],
    });
  });

  it("names the RetryInfo type as the gRPC error-details convention requires", () => {
    expect(RETRY_INFO_TYPE_URL).toBe("type.googleapis.com/google.rpc.RetryInfo");
  });
});
