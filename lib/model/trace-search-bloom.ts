// The trace search bloom: a 512-bit Bloom filter per trace (traces.search_bloom) over what
// GET /api/traces must find on one span of the trace: span names, endpoints, and scalar attributes
// as key + the text PostgreSQL's `->>` gives for the value. Ingest ORs each span's items into its
// trace's filter (lib/ingest/traces/upsert-traces.ts; filters of a trace's later batches merge by
// OR in SQL); a search ANDs a mask per condition (lib/queries/traces/get-trace-summaries.ts) and
// so reads the spans of only those traces that may match, instead of every trace in the window.
// A Bloom filter never says "no" wrongly, only "maybe" wrongly: the spans query stays the judge.
//
// Hand-rolled rather than a library: it must give the same bits in the ingest path (per span, on
// the hot path: FNV-1a over UTF-16 code units, no item strings built) and in the query, and the
// bits must be the SQL bit(512) layout (bit 0 = the first byte's most significant bit).
import type { Attributes, AttributeValue } from "@/lib/model/attribute-value";

export const SEARCH_BLOOM_BITS = 512;
const BYTES = SEARCH_BLOOM_BITS / 8;
const HASHES = 3;
const SEPARATOR = 0x1f;

// Item kinds, hashed first: a name never collides with an endpoint or an attribute of equal text.
const NAME = 0x6e; // "n"
const ENDPOINT = 0x65; // "e"
const ATTRIBUTE = 0x61; // "a"

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mix(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return Math.imul(h ^ SEPARATOR, FNV_PRIME);
}

function itemHash(kind: number, first: string, second?: string): number {
  let h = Math.imul(FNV_OFFSET ^ kind, FNV_PRIME);
  h = mix(h, first);
  if (second !== undefined) h = mix(h, second);
  return h >>> 0;
}

/** Sets the item's HASHES bits: double hashing from one 32-bit hash (h2 odd: all 512 reachable). */
function setBits(bytes: Uint8Array, hash: number): void {
  let h2 = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  h2 = (h2 ^ (h2 >>> 16)) | 1;
  for (let i = 0; i < HASHES; i++) {
    const bit = (hash + Math.imul(i, h2)) & (SEARCH_BLOOM_BITS - 1);
    bytes[bit >>> 3] = (bytes[bit >>> 3] as number) | (0x80 >>> (bit & 7));
  }
}

/**
 * The text `attributes ->> key` gives for a stored value, or null when the filter leaves it out:
 * null, arrays and maps (PostgreSQL prints JSON in its own spacing), and numbers JavaScript
 * prints with an exponent (PostgreSQL prints 1e21 as 1000000000000000000000). A search for such a
 * text skips the filter (isFilterableAttributeText), so leaving them out never hides a match.
 */
function attributeText(value: AttributeValue): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    const text = String(value);
    return text.includes("e") ? null : text;
  }
  return null;
}

/** One span's items, into a trace's filter (a 64-byte array). */
export function addSpanToSearchBloom(
  bytes: Uint8Array,
  name: string,
  endpoint: string | null,
  attributes: Attributes,
): void {
  setBits(bytes, itemHash(NAME, name));
  if (endpoint !== null) setBits(bytes, itemHash(ENDPOINT, endpoint));
  for (const key in attributes) {
    const text = attributeText(attributes[key] as AttributeValue);
    if (text !== null) setBits(bytes, itemHash(ATTRIBUTE, key, text));
  }
}

export function emptySearchBloom(): Uint8Array {
  return new Uint8Array(BYTES);
}

/** ORs `from` into `into`. */
export function mergeSearchBloom(into: Uint8Array, from: Uint8Array): void {
  for (let i = 0; i < BYTES; i++) into[i] = (into[i] as number) | (from[i] as number);
}

/** The SQL text of a bit(512) value: "x" and 128 hex digits (bit_in's hexadecimal form). */
export function searchBloomSqlText(bytes: Uint8Array): string {
  return `x${Buffer.from(bytes.buffer, bytes.byteOffset, BYTES).toString("hex")}`;
}

/** Whether a searched attribute text can be looked up in the filter (see attributeText). */
export function isFilterableAttributeText(text: string): boolean {
  if (text.startsWith("[") || text.startsWith("{")) return false;
  if (/^-?[0-9.]+$/.test(text) && Number.isFinite(Number(text)) && String(Number(text)).includes("e")) {
    return false;
  }
  return true;
}

/** The mask a trace's filter must contain for a span with this name. */
export function nameMask(name: string): Uint8Array {
  const bytes = emptySearchBloom();
  setBits(bytes, itemHash(NAME, name));
  return bytes;
}

export function endpointMask(endpoint: string): Uint8Array {
  const bytes = emptySearchBloom();
  setBits(bytes, itemHash(ENDPOINT, endpoint));
  return bytes;
}

/** Null when the text cannot be looked up (isFilterableAttributeText): the search then reads spans. */
export function attributeMask(key: string, text: string): Uint8Array | null {
  if (!isFilterableAttributeText(text)) return null;
  const bytes = emptySearchBloom();
  setBits(bytes, itemHash(ATTRIBUTE, key, text));
  return bytes;
}
