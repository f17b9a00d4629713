// Quantiles from merged log buckets against exact nearest-rank values over the same durations.
import { describe, expect, it } from "vitest";
import { bucketOf, Histogram, RELATIVE_ERROR } from "@/lib/rollups/latency-histogram";
import { normalFrom as normal, seededRandom as random } from "@/test/support/random";

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
    "%s: quantiles within 2%% of exact, merged from per-minute packed parts",
    (_name, draw) => {
      const rand = random(42);
      const durations = Array.from({ length: 20_000 }, () => Math.round(draw(rand)));
      // Split into 60 "minutes", store each packed, and merge the packed text as the rollup read does.
      const merged = new Histogram();
      for (let minute = 0; minute < 60; minute++) {
        const part = new Histogram();
        for (let i = minute; i < durations.length; i += 60) part.addDuration(durations[i] as number);
        merged.addPackedBinary(arraySend(part.toPackedLiteral()));
      }
      expect(merged.total).toBe(durations.length);
      const sorted = [...durations].sort((a, b) => a - b);
      const qs = [0.5, 0.95, 0.99, 0.999, 1];
      const estimates = merged.quantiles(qs);
      qs.forEach((q, i) => {
        const exact = exactNearestRank(sorted, q);
        const estimate = estimates[i] as number;
        expect(Math.abs(estimate - exact) / exact, `q=${q}`).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-12);
      });
      expect(RELATIVE_ERROR).toBeLessThan(0.02);
    },
  );

  it("answers null for an empty histogram and the only value for a single sample", () => {
    expect(new Histogram().quantiles([0.5])).toEqual([null]);
    const one = new Histogram();
    one.addDuration(7 * MS);
    for (const value of one.quantiles([0.5, 0.99])) {
      expect(Math.abs((value as number) - 7 * MS) / (7 * MS)).toBeLessThan(0.015);
    }
  });

  it("treats zero-length spans as 0 ns and caps absurd durations in the last bucket", () => {
    const h = new Histogram();
    h.add(bucketOf(0), 3);
    expect(h.quantiles([0.5])).toEqual([0]);
    expect(bucketOf(2 ** 63)).toBeLessThan(1536);
  });
});

/**
 * What PostgreSQL's array_send gives for a bigint[] literal: ndim, has-null flag, element type
 * (int8, oid 20), then per dimension its length and lower bound, then per element length + value.
 * test/latency-api.db.test.ts covers the real thing.
 */
function arraySend(literal: string): Buffer {
  const values = literal.slice(1, -1).split(",").filter(Boolean).map(BigInt);
  if (values.length === 0) return Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20]);
  const data = Buffer.alloc(20 + values.length * 12);
  data.writeInt32BE(1, 0);
  data.writeInt32BE(0, 4);
  data.writeInt32BE(20, 8);
  data.writeInt32BE(values.length, 12);
  data.writeInt32BE(1, 16);
  values.forEach((value, i) => {
    data.writeInt32BE(8, 20 + i * 12);
    data.writeBigInt64BE(value, 24 + i * 12);
  });
  return data;
}

describe("packed histograms", () => {
  it("round-trips through the packed form, merging repeated buckets, with counts up to 2^40", () => {
    const h = new Histogram();
    h.add(0, 2);
    h.add(17, 1);
    h.add(1400, 2 ** 39);
    const literal = h.toPackedLiteral();
    expect(literal).toBe(`{2,${(17n << 40n) | 1n},${(1400n << 40n) | (2n ** 39n)}}`);
    const merged = new Histogram();
    merged.addPackedBinary(arraySend(literal));
    merged.addPackedBinary(arraySend(`{${(17n << 40n) | 1n}}`));
    merged.addPackedBinary(arraySend("{}"));
    merged.addPackedBinary(null);
    expect([merged.counts[0], merged.counts[17], merged.counts[1400], merged.total]).toEqual([
      2,
      2,
      2 ** 39,
      3 + 2 ** 39 + 1,
    ]);
  });
});
