// Stored histogram JSON → in-memory histograms: the hand-written fast path and the schema agree.
import { describe, expect, it } from "vitest";
import { parseExplicit } from "./stored-histogram";

describe("parseExplicit", () => {
  it.each([
    [
      "the common shape (counts as strings, doubles as numbers)",
      { count: "3", sum: 1.5, min: 0.1, max: 1, explicitBounds: [0.5, 1], bucketCounts: ["2", "1", "0"] },
      { bounds: [0.5, 1], counts: [2, 1, 0], count: 3, sum: 1.5, min: 0.1, max: 1 },
    ],
    [
      "no sum, min or max",
      { count: "1", explicitBounds: [1], bucketCounts: ["0", "1"] },
      { bounds: [1], counts: [0, 1], count: 1, sum: null, min: null, max: null },
    ],
    [
      "a non-finite sum written as a string (the schema's path)",
      { count: "1", sum: "NaN", explicitBounds: [1], bucketCounts: ["1", "0"] },
      { bounds: [1], counts: [1, 0], count: 1, sum: Number.NaN, min: null, max: null },
    ],
    [
      "no buckets: one bucket holding the count",
      { count: "4", sum: 2, explicitBounds: [], bucketCounts: [] },
      { bounds: [], counts: [4], count: 4, sum: 2, min: null, max: null },
    ],
  ])("%s", (_shape, json, expected) => {
    expect(parseExplicit(json)).toEqual(expected);
  });

  it.each([
    ["a count that is a number", { count: 3, explicitBounds: [], bucketCounts: [] }],
    ["a bucket count that is not a string", { count: "1", explicitBounds: [1], bucketCounts: [1, 0] }],
    ["not an object", null],
  ])("rejects %s", (_shape, json) => {
    expect(() => parseExplicit(json)).toThrow();
  });
});
