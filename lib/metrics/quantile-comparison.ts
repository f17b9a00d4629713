// Is a quantile (p95) different between two samples beyond noise? Distribution-free: each side's
// 95 % confidence interval for the quantile comes from order statistics (the ranks around n·q by
// ±1.96 binomial standard deviations), and a change is significant only when the two intervals
// do not overlap and both sides have at least MIN_SAMPLES requests. Two non-overlapping 95 %
// intervals make a false "slower"/"faster" far rarer than 5 % (checked over many seeds in
// quantile-comparison.test.ts); the price is that small changes need more requests to show.

export const MIN_SAMPLES = 30;
const Z = 1.96;

export interface SideStats {
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** the 95 % interval of p95 */
  p95LowMs: number | null;
  p95HighMs: number | null;
}

export interface QuantileChange {
  /** candidate p95 / baseline p95; null when a side has no requests */
  p95Ratio: number | null;
  significant: boolean;
  direction: "slower" | "faster" | "same";
}

/** The value at 1-based rank `rank` of ascending `sorted`, clamped to the sample. */
const at = (sorted: readonly number[], rank: number) =>
  sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;

export function sideStats(sorted: readonly number[]): SideStats {
  const n = sorted.length;
  if (n === 0) return { count: 0, p50Ms: null, p95Ms: null, p99Ms: null, p95LowMs: null, p95HighMs: null };
  const rank = (q: number) => Math.ceil(q * n - 1e-9);
  const spread = Z * Math.sqrt(n * 0.95 * 0.05);
  return {
    count: n,
    p50Ms: at(sorted, rank(0.5)),
    p95Ms: at(sorted, rank(0.95)),
    p99Ms: at(sorted, rank(0.99)),
    p95LowMs: at(sorted, Math.floor(n * 0.95 - spread)),
    p95HighMs: at(sorted, Math.ceil(n * 0.95 + spread) + 1),
  };
}

export function compareP95(baseline: SideStats, candidate: SideStats): QuantileChange {
  if (baseline.p95Ms === null || candidate.p95Ms === null) {
    return { p95Ratio: null, significant: false, direction: "same" };
  }
  const p95Ratio = baseline.p95Ms === 0 ? null : candidate.p95Ms / baseline.p95Ms;
  const enough = baseline.count >= MIN_SAMPLES && candidate.count >= MIN_SAMPLES;
  const slower = enough && (candidate.p95LowMs as number) > (baseline.p95HighMs as number);
  const faster = enough && (candidate.p95HighMs as number) < (baseline.p95LowMs as number);
  return {
    p95Ratio,
    significant: slower || faster,
    direction: slower ? "slower" : faster ? "faster" : "same",
  };
}
