// Explicit-bucket histograms (OTLP Histogram): subtracting cumulative points, merging series with
// the same or different bounds, and quantiles interpolated inside the bucket that holds the rank.
// Pure. The method and its error bound: docs/metrics.md.

/** Bucket i counts values in (bounds[i-1], bounds[i]]; the last bucket is (bounds[n-1], +∞). */
export interface ExplicitHistogram {
  bounds: number[];
  counts: number[];
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
}

export function emptyExplicit(bounds: number[]): ExplicitHistogram {
  return { bounds, counts: new Array(bounds.length + 1).fill(0), count: 0, sum: 0, min: null, max: null };
}

const sameBounds = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * later − earlier for two cumulative points of one run; null when a count went down (the counter
 * was reset without a new start time, so `later` alone is the increase). min/max are lifetime
 * values in a cumulative point: the difference keeps none.
 */
export function subtractExplicit(
  later: ExplicitHistogram,
  earlier: ExplicitHistogram,
): ExplicitHistogram | null {
  if (!sameBounds(later.bounds, earlier.bounds) || later.count < earlier.count) return null;
  const counts = later.counts.map((c, i) => c - (earlier.counts[i] ?? 0));
  if (counts.some((c) => c < 0)) return null;
  const sum = later.sum !== null && earlier.sum !== null ? later.sum - earlier.sum : null;
  return { bounds: later.bounds, counts, count: later.count - earlier.count, sum, min: null, max: null };
}

/** Adds `part` into `into` (same bounds: bucket by bucket; others: re-bucketed, see rebucket). */
export function mergeExplicit(into: ExplicitHistogram, part: ExplicitHistogram): ExplicitHistogram {
  if (part.count === 0) return into;
  if (into.count === 0 && !sameBounds(into.bounds, part.bounds)) into = emptyExplicit(part.bounds);
  let bounds = into.bounds;
  let counts = into.counts;
  let partCounts = part.counts;
  if (!sameBounds(into.bounds, part.bounds)) {
    bounds = [...new Set([...into.bounds, ...part.bounds])].sort((a, b) => a - b);
    counts = rebucket(into, bounds);
    partCounts = rebucket(part, bounds);
  }
  return {
    bounds,
    counts: counts.map((c, i) => c + (partCounts[i] ?? 0)),
    count: into.count + part.count,
    sum: into.sum !== null && part.sum !== null ? into.sum + part.sum : null,
    min: into.min === null ? part.min : part.min === null ? into.min : Math.min(into.min, part.min),
    max: into.max === null ? part.max : part.max === null ? into.max : Math.max(into.max, part.max),
  };
}

/**
 * Counts of `h` on finer `bounds` (a superset of its own): each bucket's count is spread over the
 * finer buckets inside it in proportion to their width — the same uniform-within-bucket
 * assumption the quantile interpolation makes. An open-ended bucket goes whole to the finer bucket
 * beside its finite bound.
 */
export function rebucket(h: ExplicitHistogram, bounds: number[]): number[] {
  const out = new Array(bounds.length + 1).fill(0);
  h.counts.forEach((count, i) => {
    if (count === 0) return;
    const lower = i === 0 ? -Infinity : (h.bounds[i - 1] as number);
    const upper = i === h.bounds.length ? Infinity : (h.bounds[i] as number);
    const first = i === 0 ? 0 : bounds.indexOf(lower) + 1;
    const last = upper === Infinity ? bounds.length : bounds.indexOf(upper);
    if (!Number.isFinite(lower) || !Number.isFinite(upper)) {
      out[i === 0 ? last : first] += count;
      return;
    }
    for (let j = first; j <= last; j++) {
      const width = (bounds[j] as number) - (j === 0 ? lower : (bounds[j - 1] as number));
      out[j] += (count * width) / (upper - lower);
    }
  });
  return out;
}

/**
 * The q-quantile (0 < q ≤ 1): finds the bucket holding the rank q·count and interpolates linearly
 * inside it. The open first and last buckets use the point's min and max when known, else their
 * finite bound. The answer always lies in the bucket that holds the exact nearest-rank value, so
 * its error is at most that bucket's width. null for an empty histogram.
 */
export function explicitQuantile(h: ExplicitHistogram, q: number): number | null {
  if (h.count <= 0) return null;
  const rank = q * h.count;
  let before = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const inBucket = h.counts[i] as number;
    if (inBucket <= 0 || before + inBucket < rank) {
      before += inBucket;
      continue;
    }
    let lower = i === 0 ? (h.min ?? h.bounds[0] ?? 0) : (h.bounds[i - 1] as number);
    let upper = i === h.bounds.length ? (h.max ?? lower) : (h.bounds[i] as number);
    if (h.min !== null && h.min > lower && h.min <= upper) lower = h.min;
    if (h.max !== null && h.max < upper && h.max >= lower) upper = h.max;
    const within = Math.min(1, Math.max(0, (rank - before) / inBucket));
    return lower + (upper - lower) * within;
  }
  return h.max ?? h.bounds.at(-1) ?? null;
}
