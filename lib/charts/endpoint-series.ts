// The endpoint page's chart rows, from /api/endpoints/timeseries points (LatencyPoint). A step
// without requests keeps a row whose values are null, so lines break there instead of drawing a
// slope across time nobody measured.
import type { LatencyPoint } from "@/lib/model/endpoints";

export interface LatencyRow {
  t: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface TrafficRow {
  t: number;
  /** requests per second over the step; 0 (not null) when there were none */
  rate: number;
  /** errors / requests, null without requests */
  errorRate: number | null;
  count: number;
  errorCount: number;
}

export interface CacheRow {
  t: number;
  /** hits / lookups, null without lookups */
  hitRatio: number | null;
  lookups: number;
  hits: number;
  missP95: number | null;
  hitP95: number | null;
}

export function toLatencyRows(points: readonly LatencyPoint[]): LatencyRow[] {
  return points.map((point) => ({ t: point.t, p50: point.p50Ms, p95: point.p95Ms, p99: point.p99Ms }));
}

/** The in-progress step's rate is not extrapolated from less than this much of it: too noisy. */
const MIN_ELAPSED_MS = 10_000;

/**
 * Rates per second over each step. The step still in progress at `windowTo` (the last one of a
 * window ending now) is divided by the time elapsed in it, not the whole step: otherwise a steady
 * 5/s reads as a drop to 0.7/s at the right edge.
 */
export function toTrafficRows(
  points: readonly LatencyPoint[],
  stepMs: number,
  windowTo?: number,
): TrafficRow[] {
  return points.map((point) => {
    const elapsedMs =
      windowTo === undefined ? stepMs : Math.min(stepMs, Math.max(MIN_ELAPSED_MS, windowTo - point.t));
    const seconds = elapsedMs / 1000;
    return {
      t: point.t,
      rate: seconds > 0 ? point.count / seconds : 0,
      errorRate: point.count > 0 ? point.errorCount / point.count : null,
      count: point.count,
      errorCount: point.errorCount,
    };
  });
}

export function toCacheRows(points: readonly LatencyPoint[]): CacheRow[] {
  return points.map((point) => ({
    t: point.t,
    hitRatio: point.cacheLookups > 0 ? Math.min(1, point.cacheHits / point.cacheLookups) : null,
    lookups: point.cacheLookups,
    hits: point.cacheHits,
    missP95: point.cacheMissP95Ms,
    hitP95: point.cacheHitP95Ms,
  }));
}

/** Whether the endpoint made any cache lookup in the window: otherwise its cache charts are empty. */
export function hasCacheLookups(points: readonly LatencyPoint[]): boolean {
  return points.some((point) => point.cacheLookups > 0);
}

/**
 * Indexes of values with no value on either side. A line cannot draw a lone point, so these get a
 * dot; everywhere else the line alone reads better.
 */
export function isolatedIndexes<Row>(rows: readonly Row[], value: (row: Row) => number | null): Set<number> {
  const isolated = new Set<number>();
  const has = (index: number) => {
    const row = rows[index];
    return row !== undefined && value(row) !== null;
  };
  for (let index = 0; index < rows.length; index++) {
    if (has(index) && !has(index - 1) && !has(index + 1)) isolated.add(index);
  }
  return isolated;
}

/** The row whose step starts at `t`, if the window has one. */
export function rowIndexAt(rows: readonly { t: number }[], t: number | null): number | null {
  if (t === null) return null;
  const index = rows.findIndex((row) => row.t === t);
  return index === -1 ? null : index;
}

/** Round tops for a 0..1 axis, each with a tick step that gives 4–5 round labels. */
const RATIO_AXES: [top: number, step: number][] = [
  [0.01, 0.0025],
  [0.02, 0.005],
  [0.05, 0.01],
  [0.1, 0.025],
  [0.2, 0.05],
  [0.25, 0.05],
  [0.5, 0.1],
  [1, 0.25],
];

/**
 * A 0..1 ratio axis (error rate) up to the smallest round share above every value, so 2% of
 * errors is not drawn as a wall, nor an error-free window as "0–400%"; with round ticks.
 */
export function ratioAxis(values: readonly (number | null)[]): { max: number; ticks: number[] } {
  const highest = values.reduce<number>((top, value) => (value !== null && value > top ? value : top), 0);
  const [max, step] = RATIO_AXES.find(([top]) => top >= highest) ?? [1, 0.25];
  const ticks: number[] = [];
  // Integer multiples, rounded, so 3 × 0.1 is 0.3 and not 0.30000000000000004.
  for (let k = 0; k * step <= max + 1e-12; k++) ticks.push(Number((k * step).toFixed(6)));
  return { max, ticks };
}
