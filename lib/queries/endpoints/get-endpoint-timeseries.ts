// Requests, errors and p50/p95/p99 of one endpoint per step over a window, from per-minute
// rollups: GET /api/endpoints/timeseries. Every step of the window has a point (count 0 and
// null quantiles where there were no requests), so charts show gaps honestly.

import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";
import type { LatencyPoint } from "@/lib/model/endpoints";
import type { TimeWindow } from "@/lib/model/time-window";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { minuteToMs, msToMinute } from "@/lib/rollups/minutes";

const MinuteRow = z.object({
  minute: z.string(),
  requests: z.number(),
  errors: z.number(),
  latency: z.instanceof(Buffer),
});
const CacheCountRow = z.object({ slot: z.string(), lookups: z.number(), hits: z.number() });
const CacheLatencyRow = z.object({
  slot: z.string(),
  outcome: z.number(),
  bucket: z.number(),
  requests: z.number(),
});

/** Cache outcome of a request: 0 at least one miss, 1 hits only (cache-attribution-analyzer.ts). */
const MISSED = 0;

export async function getEndpointTimeseries(
  db: Db,
  window: TimeWindow,
  stepMs: number,
  service: string,
  endpoint: string,
): Promise<LatencyPoint[]> {
  const fromMinute = msToMinute(window.from);
  const stepMinutes = stepMs / 60_000;
  const toMinute = msToMinute(window.to);
  const endpointRows = sql`minute >= ${fromMinute} AND minute < ${toMinute}
    AND service_name = ${service} AND endpoint = ${endpoint}`;
  const [rows, cacheCounts, cacheLatency] = await Promise.all([
    db.many(
      sql`SELECT minute, request_count::float8 AS requests, error_count::float8 AS errors,
                 array_send(latency_histogram) AS latency
          FROM endpoint_minutes WHERE ${endpointRows}`,
      MinuteRow,
    ),
    db.many(
      sql`SELECT (minute - ${fromMinute}) / ${stepMinutes} AS slot,
                 sum(lookups)::float8 AS lookups, sum(hits)::float8 AS hits
          FROM endpoint_cache_minutes WHERE ${endpointRows}
          GROUP BY slot`,
      CacheCountRow,
    ),
    db.many(
      sql`SELECT (minute - ${fromMinute}) / ${stepMinutes} AS slot, outcome, bucket,
                 sum(requests)::float8 AS requests
          FROM endpoint_cache_latency WHERE ${endpointRows}
          GROUP BY slot, outcome, bucket
          HAVING sum(requests) > 0`,
      CacheLatencyRow,
    ),
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
  const cacheBySlot = new Map(cacheCounts.map((row) => [Number(row.slot), row]));
  const missed = Array.from({ length: slots }, () => new Histogram());
  const hitOnly = Array.from({ length: slots }, () => new Histogram());
  for (const row of cacheLatency) {
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
