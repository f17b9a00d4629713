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
/** bucketOf(2^63 ns) is 1478: every BIGINT duration has a bucket below this bound. */
export const BUCKETS = 1536;

/** The bucket index of a duration in nanoseconds (durations under 1 ns share bucket 0). */
export function bucketOf(durationNanos: number): number {
  return durationNanos <= 1 ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(durationNanos) / LN_GAMMA));
}

/** The representative duration of a bucket, in nanoseconds. */
export function bucketValue(index: number): number {
  return index === 0 ? 0 : (2 * GAMMA ** index) / (GAMMA + 1);
}

/**
 * Counts per bucket, dense: reads merge hundreds of thousands of (bucket, count) pairs, and a
 * typed array indexed by bucket is several times faster than a Map for that.
 */
export class Histogram {
  readonly counts = new Float64Array(BUCKETS);
  total = 0;

  add(bucket: number, count: number): void {
    this.counts[bucket] = (this.counts[bucket] as number) + count;
    this.total += count;
  }

  addDuration(durationNanos: number): void {
    this.add(bucketOf(durationNanos), 1);
  }

  /**
   * Values at the given quantiles (0 < q ≤ 1), in nanoseconds, by the nearest-rank definition:
   * the value at rank ⌈q·n⌉ of the n sorted durations (PostgreSQL's percentile_disc); null when empty.
   */
  quantiles(qs: readonly number[]): Array<number | null> {
    if (this.total === 0) return qs.map(() => null);
    const order = qs
      .map((q, index) => ({ rank: Math.max(1, Math.ceil(q * this.total - 1e-9)), index }))
      .sort((a, b) => a.rank - b.rank);
    const results: Array<number | null> = qs.map(() => null);
    let seen = 0;
    let next = 0;
    for (let bucket = 0; bucket < BUCKETS && next < order.length; bucket++) {
      seen += this.counts[bucket] as number;
      while (next < order.length && (order[next] as { rank: number }).rank <= seen) {
        results[(order[next] as { index: number }).index] = bucketValue(bucket);
        next++;
      }
    }
    return results;
  }

  /** p50/p95/p99 in milliseconds (sub-ms precision), null when empty. */
  percentilesMs(): { p50Ms: number | null; p95Ms: number | null; p99Ms: number | null } {
    const [p50, p95, p99] = this.quantiles([0.5, 0.95, 0.99]).map((nanos) =>
      nanos === null ? null : nanos / 1e6,
    );
    return { p50Ms: p50 ?? null, p95Ms: p95 ?? null, p99Ms: p99 ?? null };
  }

  // Stored form: one bigint per non-empty bucket, (bucket << 40) | count, so a whole histogram
  // fits in one array column (merged by the SQL function merge_latency_histograms on upsert).

  /** The packed form as a PostgreSQL array literal, e.g. "{1099511627777,…}", sorted by bucket. */
  toPackedLiteral(): string {
    const parts: string[] = [];
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const count = this.counts[bucket] as number;
      if (count > 0) parts.push(packBucket(bucket, count));
    }
    return `{${parts.join(",")}}`;
  }

  /**
   * Adds a packed histogram read in PostgreSQL's binary array form (`array_send(latency_histogram)`):
   * a header, then per element a 4-byte length and the 8-byte big-endian value. Reading it costs
   * two integer loads per bucket, where the text form made PostgreSQL format every number.
   * Values stay below 2^53 (bucket < 2^11, count < 2^40), so doubles are exact.
   */
  addPackedBinary(data: Buffer | null): void {
    if (!data || data.length < 12) return;
    const dimensions = data.readInt32BE(0);
    if (dimensions === 0) return;
    const length = data.readInt32BE(12);
    let offset = 12 + 8 * dimensions;
    for (let i = 0; i < length; i++) {
      offset += 4; // element length: always 8 for bigint, never NULL (the column has no NULLs)
      const value = data.readUInt32BE(offset) * 2 ** 32 + data.readUInt32BE(offset + 4);
      offset += 8;
      const bucket = Math.floor(value / COUNT_FACTOR);
      this.add(bucket, value - bucket * COUNT_FACTOR);
    }
  }
}

const COUNT_FACTOR = 2 ** 40;

/** One non-empty bucket in the stored form: (bucket << 40) | count, as decimal text. */
const packBucket = (bucket: number, count: number) => ((BigInt(bucket) << 40n) | BigInt(count)).toString();

/**
 * A few durations (nanoseconds) as a packed histogram literal, like Histogram.toPackedLiteral but
 * without the dense 1,536-slot array: the insights analyser packs one small histogram per request
 * and statement.
 */
export function packDurations(durationsNanos: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const duration of durationsNanos) {
    const bucket = bucketOf(duration);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const parts = [...counts].sort((a, b) => a[0] - b[0]).map(([bucket, count]) => packBucket(bucket, count));
  return `{${parts.join(",")}}`;
}
