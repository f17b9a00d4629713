// Explicit-bucket histograms: quantiles land in the bucket of the exact value; merge and subtract.
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/test/support/random";
import {
  type ExplicitHistogram,
  explicitQuantile,
  mergeExplicit,
  subtractExplicit,
} from "./explicit-histogram";

/** What an SDK records: counts per (b[i-1], b[i]], plus count, sum, min, max. */
function record(values: number[], bounds: number[]): ExplicitHistogram {
  const counts = new Array(bounds.length + 1).fill(0);
  for (const v of values) {
    const i = bounds.findIndex((b) => v <= b);
    counts[i === -1 ? bounds.length : i]++;
  }
  return {
    bounds,
    counts,
    count: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

const exact = (sorted: number[], q: number) =>
  sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number;
const bucketOf = (bounds: number[], v: number) => {
  const i = bounds.findIndex((b) => v <= b);
  return i === -1 ? bounds.length : i;
};

const OTEL_DEFAULT = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

describe("explicitQuantile", () => {
  it.each<[string, (r: () => number) => number]>([
    ["uniform 0–1000 ms", (r) => r() * 1000],
    ["skewed: most under 25 ms, a tail to 8 s", (r) => (r() < 0.9 ? r() * 25 : r() * 8000)],
    ["everything in one bucket", (r) => 30 + r() * 10],
    ["beyond the last bound (open bucket)", (r) => 11_000 + r() * 1000],
  ])("%s: p50/p90/p95/p99 in the exact value's bucket", (_shape, draw) => {
    const rand = seededRandom(7);
    const values = Array.from({ length: 5000 }, () => draw(rand));
    const sorted = [...values].sort((a, b) => a - b);
    const h = record(values, OTEL_DEFAULT);
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const estimate = explicitQuantile(h, q) as number;
      expect(bucketOf(OTEL_DEFAULT, estimate)).toBe(bucketOf(OTEL_DEFAULT, exact(sorted, q)));
      expect(estimate).toBeGreaterThanOrEqual(h.min as number);
      expect(estimate).toBeLessThanOrEqual(h.max as number);
    }
  });

  it("is null for an empty histogram", () => {
    expect(explicitQuantile(record([], [1, 2]), 0.5)).toBeNull();
  });

  it("interpolates linearly inside the bucket", () => {
    // 10 values in (0, 10]: the median is half-way through the bucket.
    const h: ExplicitHistogram = {
      bounds: [0, 10],
      counts: [0, 10, 0],
      count: 10,
      sum: 50,
      min: null,
      max: null,
    };
    expect(explicitQuantile(h, 0.5)).toBe(5);
  });
});

describe("mergeExplicit / subtractExplicit", () => {
  it("merges same bounds bucket by bucket", () => {
    const a = record([1, 20, 300], [10, 100]);
    const b = record([2, 3, 200], [10, 100]);
    expect(mergeExplicit(a, b)).toMatchObject({ counts: [3, 1, 2], count: 6, sum: 526, min: 1, max: 300 });
  });

  it("merges different bounds onto their union, keeping the count", () => {
    const merged = mergeExplicit(record([5, 50], [10, 100]), record([5, 30], [20]));
    expect(merged.bounds).toEqual([10, 20, 100]);
    expect(merged.count).toBe(4);
    expect(merged.counts.reduce((a, b) => a + b, 0)).toBeCloseTo(4);
  });

  it("subtracts cumulative points; a lower count is a reset (null)", () => {
    const earlier = record([1, 20], [10, 100]);
    const later = record([1, 20, 30, 500], [10, 100]);
    expect(subtractExplicit(later, earlier)).toMatchObject({ counts: [0, 1, 1], count: 2, sum: 530 });
    expect(subtractExplicit(earlier, later)).toBeNull();
  });
});
