// The overview's sparklines of one service (ServiceSummary.sparkline): requests and failed
// requests per second, p95 as it is. The step still in progress when the data was fetched holds
// only part of a step's requests, so its counts are divided by the time elapsed in it, not the
// whole step: a steady service must not seem to drop at the right edge.
import type { ServiceSummary } from "@/lib/model/endpoints";

export interface SparklineRow {
  t: number;
  /** requests per second */
  rate: number;
  /** failed requests per second */
  errorRate: number;
  p95Ms: number | null;
}

/** Less of a step than this says too little to extrapolate from. */
const MIN_ELAPSED_MS = 10_000;

export function toSparklineRows(
  points: ServiceSummary["sparkline"],
  stepMs: number,
  endMs: number,
): SparklineRow[] {
  return points.map((point) => {
    const seconds = Math.min(stepMs, Math.max(MIN_ELAPSED_MS, endMs - point.t)) / 1000;
    return {
      t: point.t,
      rate: point.count / seconds,
      errorRate: point.errorCount / seconds,
      p95Ms: point.p95Ms,
    };
  });
}
