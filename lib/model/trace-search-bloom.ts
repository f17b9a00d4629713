// The trace search bloom: a 512-bit Bloom filter per trace (traces.search_bloom) over what
// GET /api/traces must find on one span of the trace: span names, endpoints, and scalar attributes
// as key + the text PostgreSQL's `->>` gives for the value. Ingest ORs each span's items into its
// trace's filter (lib/ingest/traces/upsert-traces.ts; filters of a trace's later batches merge by
// OR in SQL); a search ANDs a mask per condition (lib/queries/traces/get-trace-summaries.ts) and
// so reads the spans of only those traces that may match, instead of every trace in the window.
// A Bloom filter never says "no" wrongly, only "maybe" wrongly: the spans query stays the judge.
//
// The same items' hashes also make the trace's search terms (traces.search_terms, int4[], with a
// GIN index), plus one term per service: a search looks its conditions' terms up in that index
// and so reaches the few traces holding a rare value (an order id, a route of one service) without
// testing every trace's filter in the window. A trace with more than SEARCH_TERMS_MAX distinct
// terms keeps only SEARCH_TERMS_OVERFLOW ("may hold any term"; the filter and the spans decide).
// Terms are 32-bit hashes, so two items may share one: again the spans decide.
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
const SERVICE = 0x73; // "s" (a term only: the filter leaves services to traces.services)

/** Beyond this many distinct terms a trace keeps only the overflow term. */
export const SEARCH_TERMS_MAX = 512;
/** The term of a trace with too many: it may hold any term (no item hashes to it: see toTerm). */
export const SEARCH_TERMS_OVERFLOW = 0;

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

/** An item's hash as an int4 term; 0 is kept for SEARCH_TERMS_OVERFLOW. */
function toTerm(hash: number): number {
  return hash | 0 || 1;
}

/**
 * One span's items, into a trace's filter (a 64-byte array) and, when given, its terms (adding
 * stops once there are more than SEARCH_TERMS_MAX: the trace then overflows: lib/ingest/traces/upsert-traces.ts).
 */
export function addSpanToSearchBloom(
  bytes: Uint8Array,
  name: string,
  endpoint: string | null,
  attributes: Attributes,
  terms?: Set<number>,
): void {
  addItem(bytes, terms, itemHash(NAME, name));
  if (endpoint !== null) addItem(bytes, terms, itemHash(ENDPOINT, endpoint));
  for (const key in attributes) {
    const text = attributeText(attributes[key] as AttributeValue);
    if (text !== null) addItem(bytes, terms, itemHash(ATTRIBUTE, key, text));
  }
}

function addItem(bytes: Uint8Array, terms: Set<number> | undefined, hash: number): void {
  setBits(bytes, hash);
  if (terms !== undefined && terms.size <= SEARCH_TERMS_MAX) terms.add(toTerm(hash));
}

/** Adds `from` into `into`, up to one past SEARCH_TERMS_MAX (enough to know it overflows). */
export function mergeSearchTerms(into: Set<number>, from: ReadonlySet<number>): void {
  for (const term of from) {
    if (into.size > SEARCH_TERMS_MAX) return;
    into.add(term);
  }
}

/** The term of a trace with a span of this service. */
export function serviceTerm(service: string): number {
  return toTerm(itemHash(SERVICE, service));
}

export function nameTerm(name: string): number {
  return toTerm(itemHash(NAME, name));
}

export function endpointTerm(endpoint: string): number {
  return toTerm(itemHash(ENDPOINT, endpoint));
}

/** Null when the text cannot be looked up (isFilterableAttributeText), as for attributeMask. */
export function attributeTerm(key: string, text: string): number | null {
  return isFilterableAttributeText(text) ? toTerm(itemHash(ATTRIBUTE, key, text)) : null;
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
