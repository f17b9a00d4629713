// Mergeable latency histograms with a guaranteed relative error (docs/percentiles.md).
//
// Durations fall into logarithmic buckets: bucket i holds (γ^(i-1), γ^i] nanoseconds, γ = 1.03.
// Reporting the bucket's value 2γ^i/(γ+1) is within α = (γ−1)/(γ+1) ≈ 1.48% of every duration in
// it, so a quantile read from merged buckets is within 1.48% of the exact value at the same rank
// (the same guarantee as DDSketch / OpenTelemetry exponential histograms). Merging is adding
// counts per bucket, which is what the per-minute rollup rows do on ingest and on read.

export const GAMMA = 1.03;
const LN_GAMMA = Math.log(GAMMA);
export const RELATIVE_ERROR = (GAMMA - 1) / (GAMMA + 1);

/** The bucket index of a duration in nanoseconds (durations under 1 ns share bucket 0). */
export function bucketOf(durationNanos: number): number {
  return durationNanos <= 1 ? 0 : Math.ceil(Math.log(durationNanos) / LN_GAMMA);
}

/** The same function in SQL, for rollups computed inside the ingest transaction. */
export function bucketOfSql(durationColumn: string): string {
  return `(CASE WHEN ${durationColumn} <= 1 THEN 0 ELSE ceil(ln(${durationColumn}::float8) / ${LN_GAMMA})::int END)`;
}

/** The representative duration of a bucket, in nanoseconds. */
export function bucketValue(index: number): number {
  return index === 0 ? 0 : (2 * GAMMA ** index) / (GAMMA + 1);
}

/** Bucket index → count. */
export type Histogram = Map<number, number>;

export function addToHistogram(target: Histogram, bucket: number, count: number): void {
  target.set(bucket, (target.get(bucket) ?? 0) + count);
}

/**
 * Values at the given quantiles (0 < q ≤ 1), in nanoseconds, using the nearest-rank definition:
 * the value at rank ⌈q·n⌉ of the n sorted durations (PostgreSQL's percentile_disc). null when empty.
 */
export function quantiles(histogram: Histogram, qs: readonly number[]): Array<number | null> {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total === 0) return qs.map(() => null);
  const buckets = [...histogram.keys()].sort((a, b) => a - b);
  const ranks = qs.map((q) => Math.max(1, Math.ceil(q * total - 1e-9)));
  const results: Array<number | null> = qs.map(() => null);
  let seen = 0;
  let next = 0;
  const order = ranks.map((rank, i) => [rank, i] as const).sort((a, b) => a[0] - b[0]);
  for (const bucket of buckets) {
    seen += histogram.get(bucket) as number;
    while (next < order.length && (order[next] as readonly [number, number])[0] <= seen) {
      results[(order[next] as readonly [number, number])[1]] = bucketValue(bucket);
      next++;
    }
  }
  return results;
}

/** p50/p95/p99 in milliseconds (sub-ms precision), null when the histogram is empty. */
export function percentilesMs(histogram: Histogram): {
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
} {
  const [p50, p95, p99] = quantiles(histogram, [0.5, 0.95, 0.99]).map((nanos) =>
    nanos === null || nanos === undefined ? null : nanos / 1e6,
  );
  return { p50Ms: p50 ?? null, p95Ms: p95 ?? null, p99Ms: p99 ?? null };
}
