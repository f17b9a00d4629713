// Attribute values as display text. Values come from instrumented services, so they are only
// ever rendered as text nodes; this decides what that text is.

export type AttributeValueKind = "string" | "number" | "boolean" | "null" | "json";

export interface FormattedAttributeValue {
  text: string;
  kind: AttributeValueKind;
}

export function formatAttributeValue(value: unknown): FormattedAttributeValue {
  if (value === null || value === undefined) return { text: "null", kind: "null" };
  switch (typeof value) {
    case "string":
      // Shown verbatim, without JSON quotes: what the service recorded is what the reader sees.
      return { text: value, kind: "string" };
    case "number":
      return { text: String(value), kind: "number" };
    case "bigint":
      return { text: value.toString(), kind: "number" };
    case "boolean":
      return { text: String(value), kind: "boolean" };
    case "object":
      return { text: JSON.stringify(value, null, 2) ?? String(value), kind: "json" };
    default:
      return { text: String(value), kind: "string" };
  }
}

/** Attribute entries in key order, so the same span always reads the same way. */
export function sortedAttributeEntries(attributes: Record<string, unknown>): [string, unknown][] {
  return Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
