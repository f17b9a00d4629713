// A bounds-checked protobuf wire-format reader, written by hand on purpose:
// - it is the ingest hot path: decoders read straight into our own model, with no intermediate
//   message objects, Long instances or reflection that a general runtime (protobufjs) would build;
// - no code generation step to keep in sync with the .proto files (OTLP's wire layout is stable);
// - every read checks the current limit, so a hostile body can only end in an OtlpDecodeError,
//   never a RangeError, an out-of-bounds read of a neighbouring message or a hang.

import { OtlpDecodeError } from "@/lib/otlp/types";

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

const TWO_POW_32 = 0x1_0000_0000;

// ignoreBOM keeps a leading U+FEFF: in a protobuf string it is content, not an encoding marker.
// Non-fatal: invalid UTF-8 becomes U+FFFD instead of failing the whole request.
const utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

// Attribute keys repeat in every span ("http.route", "db.system"…). Handing back the same string
// skips a TextDecoder call and lets V8 reuse the internalised property key: about a quarter of the
// decode time for a typical request. A direct-mapped table: fixed size, a collision just
// replaces the slot, so no sender can make it grow.
const KEY_SLOTS = 4096;
const KEY_CACHE_MAX_BYTES = 64;
interface CachedKey {
  bytes: Uint8Array;
  text: string;
}
const keyCache: (CachedKey | undefined)[] = new Array<CachedKey | undefined>(KEY_SLOTS).fill(undefined);

export class ProtoReader {
  readonly buf: Uint8Array;
  private readonly view: DataView;
  pos = 0;
  /** end of the message being read; nested messages narrow it with enter()/leave() */
  limit: number;
  /** high 32 bits of the last varint64() */
  hi = 0;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.limit = buf.length;
  }

  fail(what: string): OtlpDecodeError {
    return new OtlpDecodeError(`invalid protobuf body: ${what} at byte ${this.pos}`);
  }

  /** Reads a field tag; callers compare the whole tag (field << 3 | wire type), so a known field
   * number sent with an unexpected wire type is skipped like an unknown field. */
  tag(): number {
    const t = this.varint32();
    if (t >>> 3 === 0) throw this.fail("field number 0");
    return t;
  }

  /** Reads a varint of up to 10 bytes and returns its low 32 bits as an unsigned number. */
  varint32(): number {
    const pos = this.pos;
    if (pos < this.limit) {
      const b = this.buf[pos] as number;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    return this.varint64();
  }

  /** Reads a varint of up to 10 bytes: returns the low 32 bits, leaves the high 32 in `hi`. */
  varint64(): number {
    const buf = this.buf;
    const limit = this.limit;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= limit) throw this.fail("truncated varint");
      const b = buf[pos++] as number;
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi = (b & 0x7f) >>> 4;
      } else hi |= (b & 0x7f) << (shift - 32);
      if (b < 0x80) {
        this.pos = pos;
        this.hi = hi >>> 0;
        return lo >>> 0;
      }
      shift += 7;
    }
    throw this.fail("varint longer than 10 bytes");
  }

  /** int64 as an attribute value: a number when exactly representable, else a decimal string. */
  int64Value(): number | string {
    const lo = this.varint64();
    const hi = this.hi;
    if (hi < 0x20_0000) return hi * TWO_POW_32 + lo;
    if (hi >= 0xffe0_0000 && (hi !== 0xffe0_0000 || lo !== 0)) {
      // negative, magnitude below 2^53: two's complement of (hi, lo)
      return -((~hi >>> 0) * TWO_POW_32 + (~lo >>> 0) + 1);
    }
    return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString();
  }

  bool(): boolean {
    const lo = this.varint64();
    return lo !== 0 || this.hi !== 0;
  }

  fixed32(): number {
    const pos = this.pos;
    if (this.limit - pos < 4) throw this.fail("truncated fixed32");
    this.pos = pos + 4;
    return this.view.getUint32(pos, true);
  }

  fixed64(): bigint {
    const pos = this.pos;
    if (this.limit - pos < 8) throw this.fail("truncated fixed64");
    this.pos = pos + 8;
    return this.view.getBigUint64(pos, true);
  }

  double(): number {
    const pos = this.pos;
    if (this.limit - pos < 8) throw this.fail("truncated double");
    this.pos = pos + 8;
    return this.view.getFloat64(pos, true);
  }

  /** Reads the length of a length-delimited field and checks it fits in the current message. */
  len(): number {
    const lo = this.varint64();
    if (this.hi !== 0 || lo > this.limit - this.pos) throw this.fail("length past the end of the message");
    return lo;
  }

  /** A view of the field's bytes, sharing the body's memory (no copy). */
  bytes(): Uint8Array {
    const n = this.len();
    const start = this.pos;
    this.pos = start + n;
    return this.buf.subarray(start, start + n);
  }

  string(): string {
    return this.decodeAt(this.len());
  }

  /** Like string(), for short strings that repeat across spans, such as attribute keys. */
  key(): string {
    const n = this.len();
    if (n === 0 || n > KEY_CACHE_MAX_BYTES) return this.decodeAt(n);
    const buf = this.buf;
    const start = this.pos;
    const end = start + n;
    let hash = n;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (buf[i] as number), 0x0100_0193);
    const slot = (hash ^ (hash >>> 15)) & (KEY_SLOTS - 1);
    const hit = keyCache[slot];
    if (hit !== undefined && sameBytes(hit.bytes, buf, start, n)) {
      this.pos = end;
      return hit.text;
    }
    const text = this.decodeAt(n);
    keyCache[slot] = { bytes: buf.slice(start, end), text };
    return text;
  }

  private decodeAt(n: number): string {
    if (n === 0) return "";
    const start = this.pos;
    this.pos = start + n;
    return utf8.decode(this.buf.subarray(start, start + n));
  }

  /** Narrows the limit to an embedded message; returns the outer limit for leave(). */
  enter(): number {
    const n = this.len();
    const outer = this.limit;
    this.limit = this.pos + n;
    return outer;
  }

  leave(outer: number): void {
    if (this.pos !== this.limit) throw this.fail("embedded message overran its length");
    this.limit = outer;
  }

  /** Skips a field of an unknown number; groups (wire types 3, 4) and types 6, 7 are refused. */
  skip(tag: number): void {
    switch (tag & 7) {
      case WIRE_VARINT:
        this.varint64();
        return;
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_LEN: {
        const n = this.len(); // read first: `this.pos += this.len()` would add to the stale pos
        this.pos += n;
        return;
      }
      case WIRE_FIXED32:
        this.advance(4);
        return;
      default:
        throw this.fail(`unsupported wire type ${tag & 7} for field ${tag >>> 3}`);
    }
  }

  private advance(n: number): void {
    if (this.limit - this.pos < n) throw this.fail("truncated field");
    this.pos += n;
  }
}

function sameBytes(cached: Uint8Array, buf: Uint8Array, start: number, n: number): boolean {
  if (cached.length !== n) return false;
  for (let i = 0; i < n; i++) if (cached[i] !== buf[start + i]) return false;
  return true;
}
