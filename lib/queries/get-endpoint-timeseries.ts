// Requests, errors and p50/p95/p99 of one endpoint per step over a window, from per-minute
// rollups: GET /api/endpoints/timeseries. Every step of the window has a point (count 0 and
// null quantiles where there were no requests), so charts show gaps honestly.
import type { LatencyPoint } from "@/lib/api/endpoint-schemas";
import type { TimeWindow } from "@/lib/api/time-range";
import { getPool } from "@/lib/db/pool";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { minuteToMs, msToMinute } from "@/lib/rollups/minutes";

const POINTS = `
SELECT (minute - $1) / $3 AS slot, sum(request_count)::float8 AS requests, sum(error_count)::float8 AS errors,
       string_agg(array_to_string(latency_histogram, ','), ',') AS latency
FROM endpoint_minutes
WHERE minute >= $1 AND minute < $2 AND service_name = $4 AND endpoint = $5
GROUP BY slot`;

const CACHE_COUNTS = `
SELECT (minute - $1) / $3 AS slot, sum(lookups)::float8 AS lookups, sum(hits)::float8 AS hits
FROM endpoint_cache_minutes
WHERE minute >= $1 AND minute < $2 AND service_name = $4 AND endpoint = $5
GROUP BY slot`;

const CACHE_LATENCY = `
SELECT (minute - $1) / $3 AS slot, outcome, bucket, sum(requests)::float8 AS requests
FROM endpoint_cache_latency
WHERE minute >= $1 AND minute < $2 AND service_name = $4 AND endpoint = $5
GROUP BY slot, outcome, bucket
HAVING sum(requests) > 0`;

/** Cache outcome of a request: 0 at least one miss, 1 hits only (resolve-cache-attribution.ts). */
const MISSED = 0;

export async function getEndpointTimeseries(
  window: TimeWindow,
  stepMs: number,
  service: string,
  endpoint: string,
): Promise<LatencyPoint[]> {
  const fromMinute = msToMinute(window.from);
  const params = [fromMinute, msToMinute(window.to), stepMs / 60_000, service, endpoint];
  const pool = getPool();
  const [{ rows }, cacheCounts, cacheLatency] = await Promise.all([
    pool.query<{ slot: string; requests: number; errors: number; latency: string | null }>(POINTS, params),
    pool.query<{ slot: string; lookups: number; hits: number }>(CACHE_COUNTS, params),
    pool.query<{ slot: string; outcome: number; bucket: number; requests: number }>(CACHE_LATENCY, params),
  ]);
  const bySlot = new Map(rows.map((row) => [Number(row.slot), row]));
  const cacheBySlot = new Map(cacheCounts.rows.map((row) => [Number(row.slot), row]));
  const slots = Math.ceil((window.to - window.from) / stepMs);
  const missed = Array.from({ length: slots }, () => new Histogram());
  const hitOnly = Array.from({ length: slots }, () => new Histogram());
  for (const row of cacheLatency.rows) {
    (row.outcome === MISSED ? missed : hitOnly)[Number(row.slot)]?.add(row.bucket, row.requests);
  }
  return Array.from({ length: slots }, (_, slot) => {
    const row = bySlot.get(slot);
    const histogram = new Histogram();
    histogram.addPackedText(row?.latency ?? null);
    const cache = cacheBySlot.get(slot);
    return {
      t: minuteToMs(fromMinute) + slot * stepMs,
      count: row?.requests ?? 0,
      errorCount: row?.errors ?? 0,
      ...histogram.percentilesMs(),
      cacheLookups: cache?.lookups ?? 0,
      cacheHits: cache?.hits ?? 0,
      cacheMissP95Ms: (missed[slot] as Histogram).percentilesMs().p95Ms,
      cacheHitP95Ms: (hitOnly[slot] as Histogram).percentilesMs().p95Ms,
    };
  });
}
