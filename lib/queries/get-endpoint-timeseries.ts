// Requests, errors and p50/p95/p99 of one endpoint per step over a window, from per-minute
// rollups: GET /api/endpoints/timeseries. Every step of the window has a point (count 0 and
// null quantiles where there were no requests), so charts show gaps honestly.
import type { LatencyPoint } from "@/lib/api/endpoint-schemas";
import type { TimeWindow } from "@/lib/api/time-range";
import { getPool } from "@/lib/db/pool";
import { addToHistogram, type Histogram, percentilesMs } from "@/lib/rollups/latency-histogram";
import { minuteToMs, msToMinute } from "@/lib/rollups/minutes";

const COUNTS = `
SELECT (minute - $1) / $3 AS slot, sum(request_count)::float8 AS requests, sum(error_count)::float8 AS errors
FROM endpoint_minutes
WHERE minute >= $1 AND minute < $2 AND service_name = $4 AND endpoint = $5
GROUP BY slot`;

const BUCKETS = `
SELECT (minute - $1) / $3 AS slot, bucket, sum(request_count)::float8 AS requests
FROM endpoint_latency_buckets
WHERE minute >= $1 AND minute < $2 AND service_name = $4 AND endpoint = $5
GROUP BY slot, bucket`;

export async function getEndpointTimeseries(
  window: TimeWindow,
  stepMs: number,
  service: string,
  endpoint: string,
): Promise<LatencyPoint[]> {
  const fromMinute = msToMinute(window.from);
  const stepMinutes = stepMs / 60_000;
  const params = [fromMinute, msToMinute(window.to), stepMinutes, service, endpoint];
  const pool = getPool();
  const [counts, buckets] = await Promise.all([
    pool.query<{ slot: string; requests: number; errors: number }>(COUNTS, params),
    pool.query<{ slot: string; bucket: number; requests: number }>(BUCKETS, params),
  ]);
  const slots = Math.ceil((window.to - window.from) / stepMs);
  const histograms: Histogram[] = Array.from({ length: slots }, () => new Map());
  for (const row of buckets.rows) {
    const histogram = histograms[Number(row.slot)];
    if (histogram) addToHistogram(histogram, row.bucket, row.requests);
  }
  const countBySlot = new Map(counts.rows.map((row) => [Number(row.slot), row]));
  return histograms.map((histogram, slot) => {
    const count = countBySlot.get(slot);
    return {
      t: minuteToMs(fromMinute) + slot * stepMs,
      count: count?.requests ?? 0,
      errorCount: count?.errors ?? 0,
      ...percentilesMs(histogram),
      cacheLookups: 0,
      cacheHits: 0,
      cacheMissP95Ms: null,
      cacheHitP95Ms: null,
    };
  });
}
