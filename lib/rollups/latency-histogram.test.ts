// Quantiles from merged log buckets against exact nearest-rank values over the same durations.
import { describe, expect, it } from "vitest";
import {
  addToHistogram,
  bucketOf,
  type Histogram,
  quantiles,
  RELATIVE_ERROR,
} from "@/lib/rollups/latency-histogram";

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const MS = 1e6;
const distributions: Array<[string, (rand: () => number) => number]> = [
  ["lognormal around 40 ms", (r) => 40 * MS * Math.exp(0.6 * normal(r))],
  [
    "bimodal: cache hits ~2 ms, misses ~180 ms",
    (r) => (r() < 0.8 ? 2 * MS * Math.exp(0.2 * normal(r)) : 180 * MS * Math.exp(0.3 * normal(r))),
  ],
  ["sub-millisecond (20–900 µs)", (r) => 20_000 + r() * 880_000],
  [
    "multi-second outliers in a fast endpoint",
    (r) => (r() < 0.995 ? 5 * MS * Math.exp(0.4 * normal(r)) : (2 + r() * 28) * 1000 * MS),
  ],
  ["constant 1 ms", () => MS],
];

function exactNearestRank(sorted: number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number;
}

describe("latency histogram quantiles", () => {
  it.each(distributions)(
    "%s: p50/p95/p99 within 2%% of exact, merged from per-minute parts",
    (_name, draw) => {
      const rand = random(42);
      const durations = Array.from({ length: 20_000 }, () => Math.round(draw(rand)));
      // Split into 60 "minutes" and merge, as the rollup read does.
      const merged: Histogram = new Map();
      for (let minute = 0; minute < 60; minute++) {
        const part: Histogram = new Map();
        for (let i = minute; i < durations.length; i += 60)
          addToHistogram(part, bucketOf(durations[i] as number), 1);
        for (const [bucket, count] of part) addToHistogram(merged, bucket, count);
      }
      const sorted = [...durations].sort((a, b) => a - b);
      const qs = [0.5, 0.95, 0.99, 0.999, 1];
      const estimates = quantiles(merged, qs);
      qs.forEach((q, i) => {
        const exact = exactNearestRank(sorted, q);
        const estimate = estimates[i] as number;
        expect(Math.abs(estimate - exact) / exact, `q=${q}`).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-12);
      });
      expect(RELATIVE_ERROR).toBeLessThan(0.02);
    },
  );

  it("answers null for an empty histogram and the only value for a single sample", () => {
    expect(quantiles(new Map(), [0.5])).toEqual([null]);
    const one: Histogram = new Map([[bucketOf(7 * MS), 1]]);
    for (const value of quantiles(one, [0.5, 0.99]))
      expect(Math.abs((value as number) - 7 * MS) / (7 * MS)).toBeLessThan(0.015);
  });

  it("treats zero-length spans as 0 ns", () => {
    expect(quantiles(new Map([[bucketOf(0), 3]]), [0.5])).toEqual([0]);
  });
});
