// A histogram metric as a heatmap: per step, how many measurements fell in each bucket. Rows are
// buckets in explicit-histogram form (row i counts values in (bounds[i-1], bounds[i]], the last
// row is open-ended), so both kinds draw the same way. Pure. docs/metrics.md § Heatmap.
import { type ExplicitHistogram, rebucket } from "./explicit-histogram";
import { downscale, type ExponentialHistogram, mergeExponential } from "./exponential-histogram";

export interface HistogramHeatmap {
  /** upper bounds of the rows but the last; rows = bounds.length + 1 */
  bounds: number[];
  /** counts per step (null: no data in that step), each bounds.length + 1 long */
  counts: (number[] | null)[];
}

/** Exponential buckets are merged pairwise (scale − 1) until at most this many rows remain. */
export const MAX_EXPONENTIAL_ROWS = 40;

type AnyHistogram = ExplicitHistogram | ExponentialHistogram;

/** The heatmap of one histogram per step (already merged across series); null when all are empty. */
export function histogramHeatmap(steps: (AnyHistogram | undefined)[]): HistogramHeatmap | null {
  const present = steps.filter((h): h is AnyHistogram => h !== undefined && h.count > 0);
  const first = present[0];
  if (first === undefined) return null;
  return "scale" in first
    ? exponentialHeatmap(steps as (ExponentialHistogram | undefined)[])
    : explicitHeatmap(steps as (ExplicitHistogram | undefined)[]);
}

function explicitHeatmap(steps: (ExplicitHistogram | undefined)[]): HistogramHeatmap {
  const union = new Set<number>();
  for (const h of steps) if (h && h.count > 0) for (const b of h.bounds) union.add(b);
  const bounds = [...union].sort((a, b) => a - b);
  const same = (h: ExplicitHistogram) =>
    h.bounds.length === bounds.length && h.bounds.every((b, i) => b === bounds[i]);
  // Re-bucketing spreads counts by width (floating point): only steps on other bounds need it.
  const counts = steps.map((h) =>
    h === undefined || h.count === 0 ? null : same(h) ? h.counts : rebucket(h, bounds),
  );
  return { bounds, counts };
}

function exponentialHeatmap(steps: (ExponentialHistogram | undefined)[]): HistogramHeatmap {
  let total: ExponentialHistogram | null = null;
  for (const h of steps) if (h && h.count > 0) total = total === null ? h : mergeExponential(total, h);
  let scale = total?.scale ?? 0;
  const indexes = [...(total?.positive ?? new Map<number, number>())]
    .filter(([, c]) => c > 0)
    .map(([i]) => i);
  let low = Math.min(...indexes);
  let high = Math.max(...indexes);
  if (indexes.length === 0) {
    low = 0;
    high = 0;
  }
  while (high - low + 1 > MAX_EXPONENTIAL_ROWS) {
    scale -= 1;
    low = Math.floor(low / 2);
    high = Math.floor(high / 2);
  }
  const base = 2 ** (2 ** -scale);
  // Row k (k ≥ 1) is bucket low + k: (base^(low+k), base^(low+k+1)]; row 0 also takes zeros and
  // negative values, the last row anything above.
  const bounds = Array.from({ length: high - low }, (_, k) => base ** (low + k + 1));
  const counts = steps.map((h) => {
    if (h === undefined || h.count === 0) return null;
    const row = new Array(bounds.length + 1).fill(0);
    row[0] += h.zeroCount + [...h.negative.values()].reduce((a, b) => a + b, 0);
    for (const [index, count] of downscale(h.positive, h.scale, scale)) {
      row[Math.min(bounds.length, Math.max(0, index - low))] += count;
    }
    return row;
  });
  return { bounds, counts };
}
