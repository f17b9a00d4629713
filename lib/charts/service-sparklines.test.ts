import { describe, expect, it } from "vitest";
import { toSparklineRows } from "@/lib/charts/service-sparklines";

const T0 = Date.parse("2026-11-29T10:00:00Z");
const STEP = 60_000;
const point = (slot: number, count: number, errorCount = 0) => ({
  t: T0 + slot * STEP,
  count,
  errorCount,
  p95Ms: count > 0 ? 40 : null,
});

describe("toSparklineRows", () => {
  it("keeps a steady 5/s level into the step still in progress (20 s of it fetched)", () => {
    const rows = toSparklineRows([point(0, 300, 60), point(1, 100, 20)], STEP, T0 + STEP + 20_000);
    expect(rows.map((row) => row.rate)).toEqual([5, 5]);
    expect(rows.map((row) => row.errorRate)).toEqual([1, 1]);
  });

  it("divides whole steps by the step when the window ended in the past", () => {
    const rows = toSparklineRows([point(0, 60), point(1, 0)], STEP, T0 + 10 * STEP);
    expect(rows).toEqual([
      { t: T0, rate: 1, errorRate: 0, p95Ms: 40 },
      { t: T0 + STEP, rate: 0, errorRate: 0, p95Ms: null },
    ]);
  });

  it("does not extrapolate from the first seconds of a step", () => {
    const rows = toSparklineRows([point(0, 2)], STEP, T0 + 1_000);
    expect(rows[0]?.rate).toBe(0.2);
  });
});
