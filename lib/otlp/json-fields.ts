// Typed readers for the leaf fields of OTLP/JSON (proto3 JSON mapping): each accepts what the spec
// allows, treats null as the field's default, and otherwise throws a JsonFieldError naming the field.
// Containers add their own segment ("spans[3]") while the error unwinds, so a message carries
// the full path without building path strings for the fields that are fine.

import { OtlpDecodeError } from "@/lib/otlp/types";

export type JsonObject = { readonly [key: string]: unknown };

export class JsonFieldError extends OtlpDecodeError {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

/** Re-throws `err` with `segment` (a field name or "[i]") prefixed to its path. */
export function within(err: unknown, segment: string): unknown {
  if (!(err instanceof JsonFieldError)) return err;
  const joined = err.path.startsWith("[") || err.path === "" ? segment + err.path : `${segment}.${err.path}`;
  return new JsonFieldError(joined, err.problem);
}

export function object(value: unknown, field: string): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "object" && !Array.isArray(value)) return value as JsonObject;
  throw new JsonFieldError(field, "expected an object");
}

export function array(value: unknown, field: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw new JsonFieldError(field, "expected an array");
}

export function string(value: unknown, field: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  throw new JsonFieldError(field, "expected a string");
}

const DIGITS = /^\d+$/;
const SIGNED_DIGITS = /^-?\d+$/;
const UINT64_MAX = 0xffff_ffff_ffff_ffffn;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** fixed64/uint64 (times): a decimal string, or a JSON number that is an exact integer. */
export function uint64(value: unknown, field: string): bigint {
  if (value === undefined || value === null) return 0n;
  let n: bigint | undefined;
  if (typeof value === "string" && DIGITS.test(value)) n = BigInt(value);
  else if (typeof value === "number" && Number.isInteger(value) && value >= 0) n = BigInt(value);
  if (n === undefined || n > UINT64_MAX) {
    throw new JsonFieldError(field, "expected an integer string of nanoseconds (0 to 2^64-1)");
  }
  return n;
}

/** uint32 and fixed32 (counts, flags): a JSON number, or a decimal string. */
export function uint32(value: unknown, field: string): number {
  if (value === undefined || value === null) return 0;
  const n = typeof value === "string" && DIGITS.test(value) ? Number(value) : value;
  if (typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff) return n;
  throw new JsonFieldError(field, "expected an integer from 0 to 4294967295");
}

/** int64 attribute value: a number when exactly representable, else its decimal string. */
export function int64Value(value: unknown, field: string): number | string {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  let n: bigint | undefined;
  if (typeof value === "string" && SIGNED_DIGITS.test(value)) n = BigInt(value);
  // An integer past 2^53 already lost precision in JSON.parse; keep what is left of it.
  else if (typeof value === "number" && Number.isInteger(value)) n = BigInt(value);
  if (n === undefined || n < INT64_MIN || n > INT64_MAX) {
    throw new JsonFieldError(field, "expected an int64 as an integer string or number");
  }
  const asNumber = Number(n);
  return Number.isSafeInteger(asNumber) ? asNumber : n.toString();
}

/** double: a JSON number, or a string ("NaN", "Infinity", "-Infinity", "1.5") as proto3 allows. */
export function double(value: unknown, field: string): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    if (!Number.isNaN(n) || value === "NaN") return n;
  }
  throw new JsonFieldError(field, "expected a number");
}

export function boolean(value: unknown, field: string): boolean {
  if (typeof value === "boolean") return value;
  throw new JsonFieldError(field, "expected true or false");
}

/** An enum as its integer or, leniently, its name (e.g. "SPAN_KIND_SERVER"). */
export function enumValue(value: unknown, field: string, names: readonly string[]): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) <= 0x7fff_ffff) return value;
  if (typeof value === "string") {
    const index = names.indexOf(value);
    if (index >= 0) return index;
  }
  throw new JsonFieldError(field, `expected an integer or one of ${names.join(", ")}`);
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** trace/span ids are hex in OTLP/JSON (not base64 as the generic proto3 mapping would have it). */
export function hexId(value: unknown, field: string): Uint8Array {
  if (value === undefined || value === null || value === "") return new Uint8Array(0);
  if (typeof value !== "string") throw new JsonFieldError(field, "expected a hex string");
  // No OTLP id is one byte long: normalisation rejects the span, the rest of the request goes on.
  if (!HEX.test(value)) return new Uint8Array(1);
  const bytes = Buffer.from(value, "hex");
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** bytesValue: base64 (standard or URL-safe), re-encoded so both wire formats give the same text. */
export function base64(value: unknown, field: string): string {
  if (typeof value !== "string") throw new JsonFieldError(field, "expected a base64 string");
  return Buffer.from(value, "base64").toString("base64");
}

// Default fatal: false, so invalid UTF-8 becomes U+FFFD; a leading BOM is dropped, as JSON wants.
const utf8 = new TextDecoder();

/** Parses an OTLP/JSON request body: a JSON object, or OtlpDecodeError saying what it is not. */
export function parseRequestObject(body: Uint8Array | string, expected: string): JsonObject {
  const text = typeof body === "string" ? body : utf8.decode(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new OtlpDecodeError(`invalid JSON body: ${reason}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new OtlpDecodeError(`body: expected a JSON object with ${expected}`);
  }
  return parsed as JsonObject;
}

/** Maps a JSON array, prefixing "field[i]" to the path of any error from an element. */
export function each<T>(list: unknown, field: string, read: (item: JsonObject) => T): T[] {
  const items = array(list, field);
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      const item = object(items[i], "");
      if (item === undefined) throw new JsonFieldError("", "expected an object, not null");
      out.push(read(item));
    } catch (err) {
      throw within(within(err, `[${i}]`), field);
    }
  }
  return out;
}
