// What a detector reports about one request of one trace, and the thresholds it reports against.
// Defaults follow Sentry's performance detectors (N+1: 5 calls, 50 ms); all are configurable
// (lib/config.ts, docs/insights.md).

// slow_query is judged per statement over a window (statement-stats.ts, lib/queries/insights), not per trace.
export const FINDING_KINDS = ["n_plus_one", "sequential_calls"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  /** the request span (SERVER/CONSUMER with an endpoint) the offending calls were made for */
  requestSpanId: Buffer;
  service: string;
  endpoint: string;
  requestStartNano: bigint;
  requestDurationNano: bigint;
  /** the normalised statement or URL (n_plus_one, slow_query) or the calls' keys joined by " | " */
  key: string;
  /** the offending spans */
  spanIds: Buffer[];
  /** how many calls show it */
  count: number;
  /** what fixing it would save in this request, estimated from the spans */
  timeSavedNano: bigint;
  /**
   * null for a finding; for a near miss (close to, but below, a threshold) why it is not one,
   * e.g. "4 repeated calls: below the threshold of 5" — shown on the endpoint page, never ranked
   */
  nearMiss: string | null;
}

export interface InsightThresholds {
  nPlusOneMinCount: number;
  nPlusOneMinTotalMs: number;
  sequentialMinSavedMs: number;
  /** saving as a share of the request's duration */
  sequentialMinSavedShare: number;
  slowQueryMs: number;
}

export const DEFAULT_THRESHOLDS: InsightThresholds = {
  nPlusOneMinCount: 5,
  nPlusOneMinTotalMs: 50,
  sequentialMinSavedMs: 100,
  sequentialMinSavedShare: 0.1,
  slowQueryMs: 500,
};

export const NANOS_PER_MS = 1_000_000n;
export const msToNanos = (ms: number) => BigInt(Math.round(ms * 1_000_000));

/** The largest of some bigints (Math.max takes numbers only). */
export function maxOf(values: readonly bigint[]): bigint {
  let max = 0n;
  for (const value of values) if (value > max) max = value;
  return max;
}

/** "12.5 ms", for near-miss reasons */
export const msText = (nanos: bigint) => `${(Number(nanos) / 1e6).toFixed(1)} ms`;
