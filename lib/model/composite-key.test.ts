import { describe, expect, it } from "vitest";
import { compositeKey, endpointKey, keyedColumns, splitKey } from "@/lib/model/composite-key";

describe("composite keys", () => {
  it("round-trips parts that contain spaces, slashes and colons", () => {
    expect(splitKey(compositeKey(12n, "checkout", "GET /orders/:id"))).toEqual([
      "12",
      "checkout",
      "GET /orders/:id",
    ]);
  });

  it("keeps (a b, c) and (a, b c) apart", () => {
    expect(endpointKey("a b", "c")).not.toBe(endpointKey("a", "b c"));
  });

  it("sorts entries and turns key parts into columns", () => {
    const { keys, values } = keyedColumns(
      [
        [compositeKey(2, "b"), "second"],
        [compositeKey(1, "a"), "first"],
      ],
      2,
    );
    expect(keys).toEqual([
      ["1", "2"],
      ["a", "b"],
    ]);
    expect(values).toEqual(["first", "second"]);
  });
});
