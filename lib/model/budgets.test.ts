import { describe, expect, it } from "vitest";
import { evaluateBudget, type MeasuredEndpoint } from "@/lib/model/budgets";

const measured = (
  p50Ms: number,
  p95Ms: number,
  p99Ms: number,
  errorRate = 0,
  count = 100,
): MeasuredEndpoint => ({
  count,
  errorRate,
  p50Ms,
  p95Ms,
  p99Ms,
});

describe("evaluateBudget", () => {
  it.each([
    ["a value equal to its objective holds (at most)", { p95Ms: 300 }, measured(100, 300, 900), "ok", []],
    [
      "each latency objective is checked",
      { p50Ms: 50, p99Ms: 800 },
      measured(60, 300, 900),
      "violated",
      ["p50 60.0ms > 50ms", "p99 900.0ms > 800ms"],
    ],
    [
      "the error rate is a share",
      { errorRate: 0.01 },
      measured(1, 1, 1, 0.02),
      "violated",
      ["errors 2.00% > 1.00%"],
    ],
    ["no requests: cannot be checked", { p95Ms: 300 }, measured(0, 0, 0, 0, 0), "unknown", []],
  ] as const)("%s", (_, budget, actual, verdict, violations) => {
    const result = evaluateBudget(budget, actual);
    expect(result.verdict).toBe(verdict);
    expect(result.violations).toEqual(violations);
  });

  it("lists every objective with its actual value, in a fixed order", () => {
    expect(
      evaluateBudget({ errorRate: 0.05, p95Ms: 300 }, measured(10, 120.04, 400, 0.001)).objectives,
    ).toEqual([
      { name: "p95", objective: "300ms", actual: "120.0ms", ok: true },
      { name: "errors", objective: "5.00%", actual: "0.10%", ok: true },
    ]);
    expect(evaluateBudget({ p99Ms: 1 }, null).objectives).toEqual([
      { name: "p99", objective: "1ms", actual: "-", ok: true },
    ]);
  });
});
