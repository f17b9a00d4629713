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

export async function getEndpointTimeseries(
  window: TimeWindow,
  stepMs: number,
  service: string,
  endpoint: string,
): Promise<LatencyPoint[]> {
  const fromMinute = msToMinute(window.from);
  const { rows } = await getPool().query<{
    slot: string;
    requests: number;
    errors: number;
    latency: string | null;
  }>(POINTS, [fromMinute, msToMinute(window.to), stepMs / 60_000, service, endpoint]);
  const bySlot = new Map(rows.map((row) => [Number(row.slot), row]));
  const slots = Math.ceil((window.to - window.from) / stepMs);
  return Array.from({ length: slots }, (_, slot) => {
    const row = bySlot.get(slot);
    const histogram = new Histogram();
    histogram.addPackedText(row?.latency ?? null);
    return {
      t: minuteToMs(fromMinute) + slot * stepMs,
      count: row?.requests ?? 0,
      errorCount: row?.errors ?? 0,
      ...histogram.percentilesMs(),
      cacheLookups: 0,
      cacheHits: 0,
      cacheMissP95Ms: null,
      cacheHitP95Ms: null,
    };
  });
}
