// The Caches view: endpoints ranked by cache misses, with what a miss costs (p95 of requests
// that missed vs those that only hit), and the cache spans involved: GET /api/caches.
import type { CacheEndpoint, CacheSpan } from "@/lib/api/endpoint-schemas";
import type { TimeWindow } from "@/lib/api/time-range";
import { getPool } from "@/lib/db/pool";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { msToMinute } from "@/lib/rollups/minutes";

const ENDPOINTS = `
SELECT service_name, endpoint, sum(lookups)::float8 AS lookups, sum(hits)::float8 AS hits
FROM endpoint_cache_minutes
WHERE minute >= $1 AND minute < $2 AND ($3::text IS NULL OR service_name = $3)
GROUP BY service_name, endpoint
HAVING sum(lookups) > 0`;

const LATENCY = `
SELECT service_name, endpoint, outcome, bucket, sum(requests)::float8 AS requests
FROM endpoint_cache_latency
WHERE minute >= $1 AND minute < $2 AND ($3::text IS NULL OR service_name = $3)
GROUP BY service_name, endpoint, outcome, bucket
HAVING sum(requests) > 0`;

const SPANS = `
SELECT service_name, name, system, sum(lookups)::float8 AS lookups, sum(hits)::float8 AS hits
FROM cache_span_minutes
WHERE minute >= $1 AND minute < $2 AND ($3::text IS NULL OR service_name = $3)
GROUP BY service_name, name, system`;

const MISSED = 0;

export async function getCaches(
  window: TimeWindow,
  service?: string,
): Promise<{ endpoints: CacheEndpoint[]; caches: CacheSpan[] }> {
  const params = [msToMinute(window.from), msToMinute(window.to), service ?? null];
  const pool = getPool();
  const [endpoints, latency, spans] = await Promise.all([
    pool.query<{ service_name: string; endpoint: string; lookups: number; hits: number }>(ENDPOINTS, params),
    pool.query<{ service_name: string; endpoint: string; outcome: number; bucket: number; requests: number }>(
      LATENCY,
      params,
    ),
    pool.query<{ service_name: string; name: string; system: string; lookups: number; hits: number }>(
      SPANS,
      params,
    ),
  ]);
  const histograms = new Map<string, Histogram>();
  for (const row of latency.rows) {
    const key = `${row.service_name}\u0000${row.endpoint}\u0000${row.outcome}`;
    const histogram = histograms.get(key) ?? new Histogram();
    histograms.set(key, histogram);
    histogram.add(row.bucket, row.requests);
  }
  const p95 = (service: string, endpoint: string, outcome: number) =>
    histograms.get(`${service}\u0000${endpoint}\u0000${outcome}`)?.percentilesMs().p95Ms ?? null;
  return {
    endpoints: endpoints.rows
      .map((row) => ({
        service: row.service_name,
        endpoint: row.endpoint,
        lookups: row.lookups,
        hits: row.hits,
        misses: row.lookups - row.hits,
        hitRatio: row.hits / row.lookups,
        missP95Ms: p95(row.service_name, row.endpoint, MISSED),
        hitP95Ms: p95(row.service_name, row.endpoint, 1 - MISSED),
      }))
      .sort((a, b) => b.misses - a.misses || a.hitRatio - b.hitRatio),
    caches: spans.rows
      .map((row) => ({
        service: row.service_name,
        name: row.name,
        system: row.system === "" ? null : row.system,
        lookups: row.lookups,
        hits: row.hits,
        misses: row.lookups - row.hits,
        hitRatio: row.lookups > 0 ? row.hits / row.lookups : 0,
      }))
      .sort((a, b) => b.misses - a.misses),
  };
}
