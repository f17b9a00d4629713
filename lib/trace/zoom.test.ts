import { describe, expect, it } from "vitest";
import { asMillis } from "@/lib/model/units";
import { buildSpanTree } from "@/lib/trace/span-tree";
import { span } from "@/lib/trace/test-fixtures";
import { formatZoom, parseZoom, spanDensity, zoomBetween } from "@/lib/trace/zoom";

const hundred = asMillis(100);

describe("parseZoom", () => {
  it.each([
    ["a window", "20-45.5", { fromMs: 20, toMs: 45.5 }],
    ["clamped to the trace", "50-400", { fromMs: 50, toMs: 100 }],
    ["the whole trace is no zoom", "0-100", null],
    ["reversed", "45-20", null],
    ["empty", "", null],
    ["malformed", "abc", null],
    ["negative", "-5-10", null],
  ])("%s", (_label, text, expected) => {
    expect(parseZoom(text, hundred)).toEqual(expected);
  });

  it("round-trips through formatZoom", () => {
    const window = zoomBetween(0.1234567, 0.5, hundred);
    expect(window && formatZoom(window)).toBe("12.346-50");
    expect(parseZoom("12.346-50", hundred)).toEqual({ fromMs: 12.346, toMs: 50 });
  });

  it("ignores a drag narrower than 0.2 % of the trace", () => {
    expect(zoomBetween(0.5, 0.501, hundred)).toBeNull();
    expect(zoomBetween(0.8, 0.2, hundred)).toEqual({ fromMs: 20, toMs: 80 });
  });
});

describe("spanDensity", () => {
  it("counts the spans running in each slice", () => {
    // root  0──────────────100
    // a     0────40
    // b                60─100
    const tree = buildSpanTree([
      span("root", null, 0, 100),
      span("a", "root", 0, 40),
      span("b", "root", 60, 100),
    ]);
    expect([...spanDensity(tree, 5)]).toEqual([2, 2, 1, 2, 2]);
  });
});
