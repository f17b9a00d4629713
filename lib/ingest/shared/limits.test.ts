import { describe, expect, it } from "vitest";
import { DEFAULT_INGEST_LIMITS, limitAttributes, TRUNCATED_MARKER } from "@/lib/ingest/shared/limits";

const limits = { ...DEFAULT_INGEST_LIMITS, maxAttributes: 3, maxAttributeValueLength: 20 };

describe("limitAttributes", () => {
  it("returns the same object when nothing exceeds the limits", () => {
    const attributes = { a: "short", b: 1, c: [true, "x"] };
    expect(limitAttributes(attributes, limits).attributes).toBe(attributes);
    expect(limitAttributes(attributes, limits).dropped).toBe(0);
  });

  it("keeps the first attributes up to the limit and counts the rest as dropped", () => {
    const result = limitAttributes({ a: 1, b: 2, c: 3, d: 4, e: 5 }, limits);
    expect(result.attributes).toEqual({ a: 1, b: 2, c: 3 });
    expect(result.dropped).toBe(2);
  });

  it("cuts long strings, in arrays and maps too, ending them with the marker within the limit", () => {
    const long = "x".repeat(50);
    const result = limitAttributes({ s: long, list: ["ok", long], map: { inner: long } }, limits);
    const cut = `${"x".repeat(20 - TRUNCATED_MARKER.length)}${TRUNCATED_MARKER}`;
    expect(result.attributes).toEqual({ s: cut, list: ["ok", cut], map: { inner: cut } });
    expect((result.attributes.s as string).length).toBe(20);
    expect(result.dropped).toBe(0);
  });

  it("never lets a key named __proto__ reach the prototype", () => {
    const attributes = JSON.parse(`{"__proto__": "${"y".repeat(40)}", "a": 1}`) as Record<
      string,
      string | number
    >;
    const result = limitAttributes(attributes, limits);
    expect(Object.getPrototypeOf(result.attributes)).toBe(Object.prototype);
    expect(Object.keys(result.attributes)).toContain("__proto__");
  });
});
