// PostgreSQL text and jsonb cannot hold U+0000, and jsonb rejects a lone UTF-16 surrogate (which
// JSON.stringify writes as a "\udXXX" escape). OTLP senders can produce both: protobuf strings may
// contain NUL, OTLP/JSON escapes may encode either. Every string bound for the database goes
// through here; clean input (the usual case) is returned as is, without copying.

import type { Attributes, AttributeValue } from "@/lib/model/attribute-value";
import { setAttribute } from "@/lib/otlp/attribute-value";

function isClean(s: string): boolean {
  return !s.includes("\0") && s.isWellFormed();
}

/** Drops U+0000 and replaces lone surrogates with U+FFFD. */
export function cleanText(s: string): string {
  if (isClean(s)) return s;
  return s.replaceAll("\0", "").toWellFormed();
}

/** The same map when already clean; otherwise a cleaned copy (keys and nested strings too). */
export function cleanAttributes(attributes: Attributes): Attributes {
  return isCleanMap(attributes) ? attributes : cleanMap(attributes);
}

function isCleanValue(v: AttributeValue): boolean {
  if (typeof v === "string") return isClean(v);
  if (v === null || typeof v !== "object") return true;
  if (Array.isArray(v)) return v.every(isCleanValue);
  return isCleanMap(v);
}

function isCleanMap(map: Attributes): boolean {
  for (const key of Object.keys(map)) {
    if (!isClean(key) || !isCleanValue(map[key] as AttributeValue)) return false;
  }
  return true;
}

function cleanValue(v: AttributeValue): AttributeValue {
  if (typeof v === "string") return cleanText(v);
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(cleanValue);
  return cleanMap(v);
}

function cleanMap(map: Attributes): Attributes {
  const out: Attributes = {};
  for (const key of Object.keys(map))
    setAttribute(out, cleanText(key), cleanValue(map[key] as AttributeValue));
  return out;
}
