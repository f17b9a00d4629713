// Requests, errors and p50/p95/p99 of one endpoint per step over a window, from per-minute
// rollups: GET /api/endpoints/timeseries. Every step of the window has a point (count 0 and
// null quantiles where there were no requests), so charts show gaps honestly.
import type { LatencyPoint } from "@/lib/api/endpoint-schemas";
import type { TimeWindow } from "@/lib/api/time-range";
import { getPool } from "@/lib/db/pool";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { minuteToMs, msToMinute } from "@/lib/rollups/minutes";

const MINUTES = `
SELECT minute, request_count::float8 AS requests, error_count::float8 AS errors,
       array_send(latency_histogram) AS latency
FROM endpoint_minutes
WHERE minute >= $1 AND minute < $2 AND service_name = $3 AND endpoint = $4`;

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
  const stepMinutes = stepMs / 60_000;
  const params = [fromMinute, msToMinute(window.to), stepMinutes, service, endpoint];
  const pool = getPool();
  const [{ rows }, cacheCounts, cacheLatency] = await Promise.all([
    pool.query<{ minute: string; requests: number; errors: number; latency: Buffer }>(MINUTES, [
      fromMinute,
      msToMinute(window.to),
      service,
      endpoint,
    ]),
    pool.query<{ slot: string; lookups: number; hits: number }>(CACHE_COUNTS, params),
    pool.query<{ slot: string; outcome: number; bucket: number; requests: number }>(CACHE_LATENCY, params),
  ]);
  const slots = Math.ceil((window.to - window.from) / stepMs);
  const counts = Array.from({ length: slots }, () => ({
    requests: 0,
    errors: 0,
    histogram: new Histogram(),
  }));
  for (const row of rows) {
    const slot = counts[Math.floor((Number(row.minute) - fromMinute) / stepMinutes)];
    if (!slot) continue;
    slot.requests += row.requests;
    slot.errors += row.errors;
    slot.histogram.addPackedBinary(row.latency);
  }
  const cacheBySlot = new Map(cacheCounts.rows.map((row) => [Number(row.slot), row]));
  const missed = Array.from({ length: slots }, () => new Histogram());
  const hitOnly = Array.from({ length: slots }, () => new Histogram());
  for (const row of cacheLatency.rows) {
    (row.outcome === MISSED ? missed : hitOnly)[Number(row.slot)]?.add(row.bucket, row.requests);
  }
  return Array.from({ length: slots }, (_, slot) => {
    const { requests, errors, histogram } = counts[slot] as (typeof counts)[number];
    const cache = cacheBySlot.get(slot);
    return {
      t: minuteToMs(fromMinute) + slot * stepMs,
      count: requests,
      errorCount: errors,
      ...histogram.percentilesMs(),
      cacheLookups: cache?.lookups ?? 0,
      cacheHits: cache?.hits ?? 0,
      cacheMissP95Ms: (missed[slot] as Histogram).percentilesMs().p95Ms,
      cacheHitP95Ms: (hitOnly[slot] as Histogram).percentilesMs().p95Ms,
    };
  });
}
