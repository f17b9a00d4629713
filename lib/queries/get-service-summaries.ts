// Request rate, error rate, p50/p95/p99 and a request-count sparkline per service over a
// window, from per-minute rollups: GET /api/services.
import type { ServiceSummary } from "@/lib/api/endpoint-schemas";
import type { TimeWindow } from "@/lib/api/time-range";
import { getPool } from "@/lib/db/pool";
import { addToHistogram, type Histogram, percentilesMs } from "@/lib/rollups/latency-histogram";
import { minuteToMs, msToMinute } from "@/lib/rollups/minutes";

const COUNTS = `
SELECT service_name, (minute - $1) / $3 AS slot,
       sum(request_count)::float8 AS requests, sum(error_count)::float8 AS errors
FROM endpoint_minutes
WHERE minute >= $1 AND minute < $2
GROUP BY service_name, slot`;

const BUCKETS = `
SELECT service_name, bucket, sum(request_count)::float8 AS requests
FROM endpoint_latency_buckets
WHERE minute >= $1 AND minute < $2
GROUP BY service_name, bucket`;

export async function getServiceSummaries(window: TimeWindow, stepMs: number): Promise<ServiceSummary[]> {
  const fromMinute = msToMinute(window.from);
  const params = [fromMinute, msToMinute(window.to), stepMs / 60_000];
  const pool = getPool();
  const [counts, buckets] = await Promise.all([
    pool.query<{ service_name: string; slot: string; requests: number; errors: number }>(COUNTS, params),
    pool.query<{ service_name: string; bucket: number; requests: number }>(BUCKETS, [params[0], params[1]]),
  ]);
  const slots = Math.ceil((window.to - window.from) / stepMs);
  const seconds = (window.to - window.from) / 1000;
  const services = new Map<
    string,
    { requests: number; errors: number; sparkline: number[]; histogram: Histogram }
  >();
  const serviceOf = (name: string) => {
    let entry = services.get(name);
    if (!entry) {
      entry = { requests: 0, errors: 0, sparkline: new Array(slots).fill(0), histogram: new Map() };
      services.set(name, entry);
    }
    return entry;
  };
  for (const row of counts.rows) {
    const entry = serviceOf(row.service_name);
    entry.requests += row.requests;
    entry.errors += row.errors;
    const slot = Number(row.slot);
    if (slot < slots) entry.sparkline[slot] = (entry.sparkline[slot] ?? 0) + row.requests;
  }
  for (const row of buckets.rows)
    addToHistogram(serviceOf(row.service_name).histogram, row.bucket, row.requests);
  return [...services.entries()]
    .map(([service, entry]) => ({
      service,
      count: entry.requests,
      requestRate: entry.requests / seconds,
      errorCount: entry.errors,
      errorRate: entry.requests > 0 ? entry.errors / entry.requests : 0,
      ...percentilesMs(entry.histogram),
      sparkline: entry.sparkline.map((count, slot) => ({ t: minuteToMs(fromMinute) + slot * stepMs, count })),
    }))
    .sort((a, b) => a.service.localeCompare(b.service));
}
