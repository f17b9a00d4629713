// Base-2 exponential histograms (OTLP ExponentialHistogram): subtracting cumulative points,
// merging points of different scales, and quantiles interpolated (log-linearly) inside a bucket.
// Pure. The method and its relative error bound: docs/metrics.md.

/** Bucket index i at scale s counts values in (base^i, base^(i+1)], base = 2^(2^-s). */
export interface ExponentialHistogram {
  scale: number;
  zeroCount: number;
  /** bucket index → count, for positive values */
  positive: Map<number, number>;
  /** bucket index → count, for the absolute values of negative ones */
  negative: Map<number, number>;
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
}

/** The SDKs' largest scale; merged histograms start here and go down as needed. */
export const MAX_SCALE = 20;

export function emptyExponential(): ExponentialHistogram {
  return {
    scale: MAX_SCALE,
    zeroCount: 0,
    positive: new Map(),
    negative: new Map(),
    count: 0,
    sum: 0,
    min: null,
    max: null,
  };
}

/** Buckets at a coarser scale: 2^(scale − to) neighbouring buckets become one (index >> shift). */
export function downscale(buckets: Map<number, number>, from: number, to: number): Map<number, number> {
  if (from === to) return buckets;
  const shift = from - to;
  const out = new Map<number, number>();
  for (const [index, count] of buckets) {
    const coarse = Math.floor(index / 2 ** shift);
    out.set(coarse, (out.get(coarse) ?? 0) + count);
  }
  return out;
}

function add(a: Map<number, number>, b: Map<number, number>, sign: 1 | -1): Map<number, number> {
  const out = new Map(a);
  for (const [index, count] of b) out.set(index, (out.get(index) ?? 0) + sign * count);
  return out;
}

/** Relative error bound of a quantile read at this scale: base − 1. */
export function relativeErrorBound(scale: number): number {
  return 2 ** (2 ** -scale) - 1;
}

/** Adds `part` into `into`, both brought to the smaller of their scales. */
export function mergeExponential(
  into: ExponentialHistogram,
  part: ExponentialHistogram,
): ExponentialHistogram {
  if (part.count === 0) return into;
  const scale = into.count === 0 ? part.scale : Math.min(into.scale, part.scale);
  return {
    scale,
    zeroCount: into.zeroCount + part.zeroCount,
    positive: add(
      downscale(into.positive, into.scale, scale),
      downscale(part.positive, part.scale, scale),
      1,
    ),
    negative: add(
      downscale(into.negative, into.scale, scale),
      downscale(part.negative, part.scale, scale),
      1,
    ),
    count: into.count + part.count,
    sum: into.sum !== null && part.sum !== null ? into.sum + part.sum : null,
    min: into.min === null ? part.min : part.min === null ? into.min : Math.min(into.min, part.min),
    max: into.max === null ? part.max : part.max === null ? into.max : Math.max(into.max, part.max),
  };
}

/**
 * later − earlier for two cumulative points of one run (the SDK may have lowered the scale in
 * between: both go to the smaller one); null when a count went down, i.e. a reset.
 */
export function subtractExponential(
  later: ExponentialHistogram,
  earlier: ExponentialHistogram,
): ExponentialHistogram | null {
  if (later.count < earlier.count || later.zeroCount < earlier.zeroCount) return null;
  const scale = Math.min(later.scale, earlier.scale);
  const positive = add(
    downscale(later.positive, later.scale, scale),
    downscale(earlier.positive, earlier.scale, scale),
    -1,
  );
  const negative = add(
    downscale(later.negative, later.scale, scale),
    downscale(earlier.negative, earlier.scale, scale),
    -1,
  );
  for (const count of [...positive.values(), ...negative.values()]) if (count < 0) return null;
  return {
    scale,
    zeroCount: later.zeroCount - earlier.zeroCount,
    positive,
    negative,
    count: later.count - earlier.count,
    sum: later.sum !== null && earlier.sum !== null ? later.sum - earlier.sum : null,
    min: null,
    max: null,
  };
}

/**
 * The q-quantile (0 < q ≤ 1): walks negative buckets (most negative first), the zero bucket, then
 * positive buckets, to the one holding the rank q·count, and interpolates geometrically inside it
 * (bucket bounds differ by the factor `base`). The answer lies in the bucket of the exact
 * nearest-rank value, so it is within a factor `base` of it: relative error ≤ base − 1. Clamped to
 * min/max when the point carries them. null for an empty histogram.
 */
export function exponentialQuantile(h: ExponentialHistogram, q: number): number | null {
  if (h.count <= 0) return null;
  const power = (exponent: number) => 2 ** (exponent * 2 ** -h.scale);
  const rank = q * h.count;
  const clamp = (v: number) => Math.min(h.max ?? Infinity, Math.max(h.min ?? -Infinity, v));
  let before = 0;
  const negative = [...h.negative.entries()].filter(([, c]) => c > 0).sort((a, b) => b[0] - a[0]);
  for (const [index, count] of negative) {
    if (before + count >= rank) {
      // |value| in (base^index, base^(index+1)]; the most negative values come first.
      const within = (rank - before) / count;
      return clamp(-power(index + 1 - within));
    }
    before += count;
  }
  if (h.zeroCount > 0 && before + h.zeroCount >= rank) return clamp(0);
  before += h.zeroCount;
  const positive = [...h.positive.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  for (const [index, count] of positive) {
    if (before + count >= rank) {
      const within = (rank - before) / count;
      return clamp(power(index + within));
    }
    before += count;
  }
  return h.max;
}
