import { describe, expect, it } from "vitest";
import { compareP95, MIN_SAMPLES, sideStats } from "@/lib/metrics/quantile-comparison";

/** mulberry32: a small seeded PRNG, so every run draws the same samples */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** log-normal latencies around `medianMs`, as request latencies usually are */
function latencies(n: number, medianMs: number, next: () => number): number[] {
  return Array.from({ length: n }, () => {
    const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    return medianMs * Math.exp(0.5 * normal);
  }).sort((a, b) => a - b);
}

describe("sideStats", () => {
  it("takes quantiles by rank and brackets p95 with its interval", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    const stats = sideStats(sorted);
    expect(stats).toMatchObject({ count: 100, p50Ms: 50, p95Ms: 95, p99Ms: 99 });
    expect(stats.p95LowMs).toBeLessThan(95);
    expect(stats.p95HighMs).toBeGreaterThan(95);
  });
  it("has no quantiles without requests", () => {
    expect(sideStats([]).p95Ms).toBeNull();
  });
});

describe("compareP95", () => {
  it("flags a version twice as slow", () => {
    const next = random(1);
    const change = compareP95(sideStats(latencies(500, 50, next)), sideStats(latencies(500, 100, next)));
    expect(change.direction).toBe("slower");
    expect(change.significant).toBe(true);
    expect(change.p95Ratio).toBeGreaterThan(1.5);
  });
  it("flags a faster one as faster", () => {
    const next = random(2);
    expect(
      compareP95(sideStats(latencies(500, 100, next)), sideStats(latencies(500, 50, next))).direction,
    ).toBe("faster");
  });
  it(`never flags below ${MIN_SAMPLES} requests a side`, () => {
    const next = random(3);
    const change = compareP95(
      sideStats(latencies(MIN_SAMPLES - 1, 10, next)),
      sideStats(latencies(500, 1000, next)),
    );
    expect(change).toMatchObject({ significant: false, direction: "same" });
  });
  it("flags no more than 5 % of comparisons of one distribution with itself (400 seeds)", () => {
    let flagged = 0;
    for (let seed = 0; seed < 400; seed++) {
      const next = random(1000 + seed);
      const n = 50 + (seed % 5) * 100;
      if (compareP95(sideStats(latencies(n, 80, next)), sideStats(latencies(n, 80, next))).significant)
        flagged++;
    }
    expect(flagged / 400).toBeLessThanOrEqual(0.05);
  });
});
