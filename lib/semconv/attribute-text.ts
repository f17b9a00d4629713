// Reading attributes that OpenTelemetry has renamed over time: the first of several keys (newest
// convention first) that holds a non-empty string.
import type { Attributes } from "@/lib/model/attribute-value";

export function firstString(attributes: Attributes, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = attributes[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return null;
}
