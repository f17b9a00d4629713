// Exponential histograms: quantiles within base − 1 of exact values, merged across scales.
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/test/support/random";
import {
  type ExponentialHistogram,
  exponentialQuantile,
  mergeExponential,
  relativeErrorBound,
  subtractExponential,
} from "./exponential-histogram";

/** What an SDK records at a fixed scale: index = ceil(log2(|v|)·2^scale) − 1. */
function record(values: number[], scale: number): ExponentialHistogram {
  const h: ExponentialHistogram = {
    scale,
    zeroCount: 0,
    positive: new Map(),
    negative: new Map(),
    count: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    min: values.length ? Math.min(...values) : null,
    max: values.length ? Math.max(...values) : null,
  };
  for (const v of values) {
    if (v === 0) {
      h.zeroCount++;
      continue;
    }
    const index = Math.ceil(Math.log2(Math.abs(v)) * 2 ** scale) - 1;
    const side = v > 0 ? h.positive : h.negative;
    side.set(index, (side.get(index) ?? 0) + 1);
  }
  return h;
}

const exact = (sorted: number[], q: number) =>
  sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number;

describe("exponentialQuantile", () => {
  it.each<[string, number, (r: () => number) => number]>([
    ["lognormal latencies at scale 3", 3, (r) => 40 * Math.exp(2 * (r() - 0.5))],
    ["wide range (1 µs – 10 s) at scale 0", 0, (r) => 10 ** (r() * 7 - 6)],
    ["fine scale 8", 8, (r) => 1 + r() * 3],
    ["negative and positive values at scale 2", 2, (r) => (r() - 0.3) * 100],
  ])("%s: within the relative error bound", (_shape, scale, draw) => {
    const rand = seededRandom(11);
    const values = Array.from({ length: 4000 }, () => draw(rand));
    const sorted = [...values].sort((a, b) => a - b);
    const h = record(values, scale);
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const truth = exact(sorted, q);
      const estimate = exponentialQuantile(h, q) as number;
      expect(Math.abs(estimate - truth)).toBeLessThanOrEqual(
        Math.abs(truth) * relativeErrorBound(scale) + 1e-12,
      );
    }
  });
});

describe("mergeExponential / subtractExponential", () => {
  it("merges across scales onto the coarser one, quantiles still within its bound", () => {
    const rand = seededRandom(3);
    const a = Array.from({ length: 2000 }, () => 1 + rand() * 100);
    const b = Array.from({ length: 2000 }, () => 50 + rand() * 400);
    const merged = mergeExponential(record(a, 5), record(b, 2));
    expect(merged.scale).toBe(2);
    expect(merged.count).toBe(4000);
    expect(merged).toEqual({ ...record([...a, ...b], 2), sum: merged.sum });
    const sorted = [...a, ...b].sort((x, y) => x - y);
    for (const q of [0.5, 0.99]) {
      const truth = exact(sorted, q);
      expect(Math.abs((exponentialQuantile(merged, q) as number) - truth)).toBeLessThanOrEqual(
        truth * relativeErrorBound(2),
      );
    }
  });

  it("subtracts cumulative points at different scales; a lower count is a reset", () => {
    const earlier = record([1, 2, 3], 4);
    const later = record([1, 2, 3, 8, 9], 2);
    const delta = subtractExponential(later, earlier);
    expect(delta?.count).toBe(2);
    expect(delta?.scale).toBe(2);
    expect([...(delta?.positive.values() ?? [])].reduce((x, y) => x + y, 0)).toBe(2);
    expect(subtractExponential(earlier, later)).toBeNull();
  });
});
