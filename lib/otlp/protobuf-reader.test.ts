import { describe, expect, it } from "vitest";
import { OtlpDecodeError } from "@/lib/otlp/types";
import { ProtoReader } from "./protobuf-reader";
import { ProtoWriter } from "./protobuf-writer";

const reader = (bytes: number[] | Uint8Array) => new ProtoReader(Uint8Array.from(bytes));

/** Encodes `value` as field 1 varint, then reads it back with int64Value. */
function roundTripInt64(value: bigint | number) {
  const r = new ProtoReader(new ProtoWriter().int(1, value).finish());
  if (r.pos === r.limit) return 0; // proto3 omits zero
  r.tag();
  return r.int64Value();
}

describe("ProtoReader varints", () => {
  it.each([
    ["one byte", [0x01], 1],
    ["two bytes (300)", [0xac, 0x02], 300],
    ["the uint32 maximum", [0xff, 0xff, 0xff, 0xff, 0x0f], 0xffff_ffff],
    [
      "-1 as a 10-byte int32 (low 32 bits kept)",
      [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
      0xffff_ffff,
    ],
  ])("varint32 reads %s", (_shape, bytes, expected) => {
    const r = reader(bytes);
    expect(r.varint32()).toBe(expected);
    expect(r.pos).toBe(bytes.length);
  });

  it.each([
    ["truncated", [0x80, 0x80]],
    ["longer than 10 bytes", [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]],
  ])("refuses a varint that is %s", (_shape, bytes) => {
    expect(() => reader(bytes).varint32()).toThrow(OtlpDecodeError);
  });

  it.each([
    ["zero", 0n, 0],
    ["one", 1n, 1],
    ["minus one", -1n, -1],
    ["2^53 - 1", 2n ** 53n - 1n, 2 ** 53 - 1],
    ["-(2^53 - 1)", -(2n ** 53n - 1n), -(2 ** 53 - 1)],
    ["2^53", 2n ** 53n, "9007199254740992"],
    ["-(2^53)", -(2n ** 53n), "-9007199254740992"],
    ["the int64 maximum", 2n ** 63n - 1n, "9223372036854775807"],
    ["the int64 minimum", -(2n ** 63n), "-9223372036854775808"],
    ["a 32-bit boundary", 2n ** 32n, 2 ** 32],
  ])("int64Value reads %s exactly", (_shape, value, expected) => {
    expect(roundTripInt64(value)).toBe(expected);
  });
});

describe("ProtoReader fields and limits", () => {
  it("reads fixed32, fixed64 and double little-endian", () => {
    const r = reader([1, 0, 0, 0x80, 2, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    expect(r.fixed32()).toBe(0x8000_0001);
    expect(r.fixed64()).toBe(2n ** 63n + 2n);
    expect(r.double()).toBe(1);
  });

  it.each([
    ["fixed32", (r: ProtoReader) => r.fixed32()],
    ["fixed64", (r: ProtoReader) => r.fixed64()],
    ["double", (r: ProtoReader) => r.double()],
  ])("refuses a truncated %s", (_shape, read) => {
    expect(() => read(reader([1, 2, 3]))).toThrow(OtlpDecodeError);
  });

  it("refuses a length past the end of the body", () => {
    expect(() => reader([0x05, 0x61]).string()).toThrow(/length past the end/);
  });

  it("refuses a length whose varint has high bits set", () => {
    expect(() => reader([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).bytes()).toThrow(OtlpDecodeError);
  });

  it("keeps reads inside an embedded message", () => {
    // embedded message of 2 bytes whose string field claims 3 bytes: the outer body has them,
    // the embedded message does not
    const r = reader([0x02, 0x0a, 0x03, 0x61, 0x62, 0x63]);
    const outer = r.enter();
    r.tag();
    expect(() => r.string()).toThrow(OtlpDecodeError);
    expect(outer).toBe(6);
  });

  it.each([
    ["field number 0", [0x00]],
    ["wire type 3 (group start)", [0x0b]],
    ["wire type 4 (group end)", [0x0c]],
    ["wire type 6", [0x0e]],
    ["wire type 7", [0x0f]],
  ])("refuses %s", (_shape, bytes) => {
    const r = reader(bytes);
    expect(() => r.skip(r.tag())).toThrow(OtlpDecodeError);
  });

  it("decodes repeated and colliding keys correctly through the key cache", () => {
    const body = new ProtoWriter();
    for (let i = 0; i < 10_000; i++) body.string(1, `key.${i % 5_000}`);
    const r = new ProtoReader(body.finish());
    const keys: string[] = [];
    while (r.pos < r.limit) {
      r.tag();
      keys.push(r.key());
    }
    expect(keys).toEqual(Array.from({ length: 10_000 }, (_, i) => `key.${i % 5_000}`));
  });
});
