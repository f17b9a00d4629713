import { describe, expect, it } from "vitest";
import { parseTraceSearch } from "@/lib/api/trace-search-params";
import { encodeCursor } from "@/lib/contracts/trace-search";
import { BadRequestError } from "@/lib/model/request-errors";

const parse = (query: string) => parseTraceSearch(new URLSearchParams(query), 1_800_000_000_000);

describe("parseTraceSearch", () => {
  it("defaults: the last hour, newest first, 50 per page", () => {
    expect(parse("")).toEqual({
      from: 1_800_000_000_000 - 3_600_000,
      to: 1_800_000_000_000,
      service: null,
      endpoint: null,
      name: null,
      attrs: [],
      minDurationNanos: null,
      maxDurationNanos: null,
      status: null,
      sort: "start",
      limit: 50,
      cursor: null,
    });
  });

  it.each([
    ["250", 250_000_000n],
    ["0.5", 500_000n],
    ["1.000001", 1_000_001n],
    ["0", 0n],
  ])("minDurationMs=%s is %s ns exactly", (text, nanos) => {
    expect(parse(`minDurationMs=${text}`).minDurationNanos).toBe(nanos);
  });

  it("splits attr at the first '=' (values may hold '=')", () => {
    expect(parse(`attr=${encodeURIComponent("query=a=b")}&attr=k%3D`).attrs).toEqual([
      { key: "query", value: "a=b" },
      { key: "k", value: "" },
    ]);
  });

  it("reads back the cursor it wrote, for the same sort", () => {
    const cursor = encodeCursor("duration", { value: "812400000", traceId: "ab".repeat(16) });
    expect(parse(`sort=duration&cursor=${cursor}`).cursor).toEqual({
      value: "812400000",
      traceId: "ab".repeat(16),
    });
    expect(() => parse(`sort=start&cursor=${cursor}`)).toThrow(BadRequestError);
  });

  it.each([
    "minDurationMs=0.0000001",
    "minDurationMs=1,5",
    "limit=1.5",
    "limit=+5",
    `attr=${"a%3D1&attr=".repeat(11)}a%3D1`,
  ])("400 for %s", (query) => {
    expect(() => parse(query)).toThrow(BadRequestError);
  });
});
