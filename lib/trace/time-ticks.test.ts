import { describe, expect, it } from "vitest";
import { asMillis } from "@/lib/model/units";
import { timeTicks } from "@/lib/trace/time-ticks";

describe("timeTicks", () => {
  it.each([
    ["a 100ms trace", 100, [0, 20, 40, 60, 80, 100]],
    ["a 1s trace", 1000, [0, 200, 400, 600, 800, 1000]],
    ["an uneven 37ms trace", 37, [0, 10, 20, 30]],
    ["a 0.3ms trace (float drift)", 0.3, [0, 0.1, 0.2, 0.3]],
    ["a 12.5s trace", 12_500, [0, 2500, 5000, 7500, 10_000, 12_500]],
  ])("puts round steps on %s", (_, duration, expected) => {
    expect(timeTicks(asMillis(duration))).toEqual(expected);
  });

  it.each([
    ["zero", 0],
    ["negative", -5],
    ["NaN", Number.NaN],
    ["infinite", Number.POSITIVE_INFINITY],
  ])("gives a single 0 tick for a %s duration", (_, duration) => {
    expect(timeTicks(asMillis(duration))).toEqual([0]);
  });

  it("never exceeds the tick budget by more than one", () => {
    for (const d of [1, 3, 7, 13, 99, 101, 999, 1001, 86_400_000]) {
      expect(timeTicks(asMillis(d)).length).toBeLessThanOrEqual(7);
    }
  });
});
