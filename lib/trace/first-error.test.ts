import { describe, expect, it } from "vitest";
import { firstErrorSpanId } from "@/lib/trace/first-error";
import { buildSpanTree } from "@/lib/trace/span-tree";
import { span } from "@/lib/trace/test-fixtures";

const failed = { status: { code: "ERROR" as const, message: "boom" } };

describe("firstErrorSpanId", () => {
  it("is null for a trace without errors", () => {
    expect(firstErrorSpanId(buildSpanTree([span("root", null, 0, 10)]))).toBeNull();
  });

  it("opens where the error started, not on the request that passed it on", () => {
    // root 0─100        ERROR
    // ├── cache 1─5
    // └── pay 10─90     ERROR
    //     └── card 20─80  ERROR   ← started it
    const tree = buildSpanTree([
      span("root", null, 0, 100, failed),
      span("cache", "root", 1, 5),
      span("pay", "root", 10, 90, failed),
      span("card", "pay", 20, 80, failed),
    ]);
    expect(firstErrorSpanId(tree)).toBe("card");
  });

  it("of two independent failures, picks the one that started first", () => {
    // root 0─100
    // ├── late 50─60   ERROR
    // └── early 5─10   ERROR
    const tree = buildSpanTree([
      span("root", null, 0, 100),
      span("late", "root", 50, 60, failed),
      span("early", "root", 5, 10, failed),
    ]);
    expect(firstErrorSpanId(tree)).toBe("early");
  });
});
