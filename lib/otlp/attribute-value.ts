// Rules shared by the protobuf and JSON decoders for turning an OTLP AnyValue into the
// JSON-ready AttributeValue, so that both wire formats decode to exactly the same model.

import type { Attributes, AttributeValue } from "@/lib/model/attribute-value";

/**
 * AnyValue may nest arrays and kvlists without bound on the wire; real attributes rarely go past
 * 3 levels. The cap keeps decoding, sanitising and JSON.stringify far from the stack limit.
 */
export const MAX_ANY_VALUE_DEPTH = 32;

/** JSON has no NaN or infinities; keep them visible as the strings proto3 JSON uses. */
export function doubleValue(d: number): number | string {
  if (Number.isFinite(d)) return d;
  return Number.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
}

export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * Keys come from the sender: a plain assignment of "__proto__" would replace the map's prototype
 * instead of adding an attribute, so that one key is defined as an own property.
 */
export function setAttribute(target: Attributes, key: string, value: AttributeValue): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
