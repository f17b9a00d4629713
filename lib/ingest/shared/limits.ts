// Per-request and per-span limits (#21), so one sender cannot make Tracewell hold or store
// unbounded data: a request with more spans/data points than INGEST_MAX_SPANS_PER_REQUEST is
// refused (413, "send smaller batches"); past SPAN_MAX_ATTRIBUTES / SPAN_MAX_EVENTS /
// SPAN_MAX_LINKS the excess of a span is dropped and counted in its dropped_*_count (as the
// OpenTelemetry SDKs do at the source); string attribute values longer than
// SPAN_ATTRIBUTE_VALUE_MAX_LENGTH are cut and end with TRUNCATED_MARKER.
import type { Attributes, AttributeValue } from "@/lib/model/attribute-value";
import { setAttribute } from "@/lib/otlp/attribute-value";

export interface IngestLimits {
  maxRowsPerRequest: number;
  maxAttributes: number;
  maxEvents: number;
  maxLinks: number;
  maxAttributeValueLength: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxRowsPerRequest: 50_000,
  maxAttributes: 128,
  maxEvents: 128,
  maxLinks: 128,
  maxAttributeValueLength: 16_384,
};

export const TRUNCATED_MARKER = "…[truncated]";

/** Too many spans or data points in one request: HTTP 413 / gRPC INVALID_ARGUMENT. */
export class TooManyRowsError extends Error {
  override name = "TooManyRowsError";
}

/**
 * The attributes within the limits, and how many were dropped. Returns the same object when
 * nothing exceeds them (the usual case: no copy).
 */
export function limitAttributes(
  attributes: Attributes,
  limits: IngestLimits,
): { attributes: Attributes; dropped: number } {
  const keys = Object.keys(attributes);
  const dropped = Math.max(0, keys.length - limits.maxAttributes);
  let tooLong = false;
  for (let i = 0; i < keys.length - dropped && !tooLong; i++) {
    tooLong = exceeds(attributes[keys[i] as string] as AttributeValue, limits.maxAttributeValueLength);
  }
  if (dropped === 0 && !tooLong) return { attributes, dropped: 0 };
  const out: Attributes = {};
  for (const key of keys.slice(0, keys.length - dropped)) {
    setAttribute(out, key, truncate(attributes[key] as AttributeValue, limits.maxAttributeValueLength));
  }
  return { attributes: out, dropped };
}

function exceeds(value: AttributeValue, max: number): boolean {
  if (typeof value === "string") return value.length > max;
  if (Array.isArray(value)) return value.some((item) => exceeds(item, max));
  if (value !== null && typeof value === "object")
    return Object.values(value).some((item) => exceeds(item as AttributeValue, max));
  return false;
}

function truncate(value: AttributeValue, max: number): AttributeValue {
  if (typeof value === "string") {
    return value.length > max
      ? `${value.slice(0, Math.max(0, max - TRUNCATED_MARKER.length))}${TRUNCATED_MARKER}`
      : value;
  }
  if (Array.isArray(value)) return value.map((item) => truncate(item, max));
  if (value !== null && typeof value === "object") {
    const out: Attributes = {};
    for (const [key, item] of Object.entries(value))
      setAttribute(out, key, truncate(item as AttributeValue, max));
    return out;
  }
  return value;
}
