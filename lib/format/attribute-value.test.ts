import { describe, expect, it } from "vitest";
import { formatAttributeValue, sortedAttributeEntries } from "@/lib/format/attribute-value";

describe("formatAttributeValue", () => {
  it.each([
    ["a string, unquoted", "GET /checkout", { text: "GET /checkout", kind: "string" }],
    [
      "markup, untouched (rendered as a text node)",
      "<img src=x onerror=alert(1)>",
      { text: "<img src=x onerror=alert(1)>", kind: "string" },
    ],
    ["an empty string", "", { text: "", kind: "string" }],
    ["an integer", 42, { text: "42", kind: "number" }],
    ["a float", 0.25, { text: "0.25", kind: "number" }],
    ["a boolean", false, { text: "false", kind: "boolean" }],
    ["null", null, { text: "null", kind: "null" }],
    ["an array", ["a", 1], { text: '[\n  "a",\n  1\n]', kind: "json" }],
    ["a kvlist object", { k: { n: true } }, { text: '{\n  "k": {\n    "n": true\n  }\n}', kind: "json" }],
    ["a bigint", 2n ** 64n, { text: "18446744073709551616", kind: "number" }],
  ])("formats %s", (_, value, expected) => {
    expect(formatAttributeValue(value)).toEqual(expected);
  });
});

describe("sortedAttributeEntries", () => {
  it("orders keys by code unit, not insertion", () => {
    expect(sortedAttributeEntries({ "http.url": 1, "db.system": 2, Z: 3 }).map(([k]) => k)).toEqual([
      "Z",
      "db.system",
      "http.url",
    ]);
  });
});
