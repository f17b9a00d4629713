import { afterEach, describe, expect, it } from "vitest";
import { parseTraceSpanCap } from "@/lib/api/trace-span-cap";

const saved = process.env.TRACE_PAGE_MAX_SPANS;
afterEach(() => {
  if (saved === undefined) delete process.env.TRACE_PAGE_MAX_SPANS;
  else process.env.TRACE_PAGE_MAX_SPANS = saved;
});

describe("parseTraceSpanCap", () => {
  it.each([
    ["no parameter: every span (the API contract)", "", undefined],
    ["maxSpans", "maxSpans=500", 500],
    ["view=page: TRACE_PAGE_MAX_SPANS", "view=page", 1000],
    ["view=page with a smaller maxSpans", "view=page&maxSpans=10", 10],
    ["view=page with a larger maxSpans", "view=page&maxSpans=5000", 1000],
  ])("%s", (_label, query, expected) => {
    process.env.TRACE_PAGE_MAX_SPANS = "1000";
    expect(parseTraceSpanCap(new URLSearchParams(query))).toBe(expected);
  });

  it("defaults the page's cap to 200,000 spans", () => {
    delete process.env.TRACE_PAGE_MAX_SPANS;
    expect(parseTraceSpanCap(new URLSearchParams("view=page"))).toBe(200_000);
  });

  it.each(["maxSpans=0", "maxSpans=-3", "maxSpans=1.5", "view=full"])("refuses %s", (query) => {
    expect(() => parseTraceSpanCap(new URLSearchParams(query))).toThrow(/maxSpans|view/);
  });
});
