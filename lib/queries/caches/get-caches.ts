// The Caches view: endpoints ranked by cache misses, with what a miss costs (p95 of requests
// that missed vs those that only hit), and the cache spans involved: GET /api/caches.
import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";
import type { CacheEndpoint, CacheSpan } from "@/lib/model/caches";
import { compositeKey } from "@/lib/model/composite-key";
import type { TimeWindow } from "@/lib/model/time-window";
import { getEndpointCacheTotals } from "@/lib/queries/caches/get-endpoint-cache-totals";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { msToMinute } from "@/lib/rollups/minutes";

const LatencyRow = z.object({
  service_name: z.string(),
  endpoint: z.string(),
  outcome: z.number(),
  bucket: z.number(),
  requests: z.number(),
});

const SpanRow = z.object({
  service_name: z.string(),
  name: z.string(),
  system: z.string(),
  lookups: z.number(),
  hits: z.number(),
});

/** Cache outcome of a request (endpoint_cache_latency.outcome): 0 at least one miss, 1 hits only. */
const MISSED = 0;

export async function getCaches(
  db: Db,
  window: TimeWindow,
  service?: string,
): Promise<{ endpoints: CacheEndpoint[]; caches: CacheSpan[] }> {
  const from = msToMinute(window.from);
  const to = msToMinute(window.to);
  const serviceFilter = sql`(${service ?? null}::text IS NULL OR service_name = ${service ?? null})`;
  const [endpoints, latency, spans] = await Promise.all([
    getEndpointCacheTotals(db, window, service),
    db.many(
      sql`SELECT service_name, endpoint, outcome, bucket, sum(requests)::float8 AS requests
          FROM endpoint_cache_latency
          WHERE minute >= ${from} AND minute < ${to} AND ${serviceFilter}
          GROUP BY service_name, endpoint, outcome, bucket
          HAVING sum(requests) > 0`,
      LatencyRow,
    ),
    db.many(
      sql`SELECT service_name, name, system, sum(lookups)::float8 AS lookups, sum(hits)::float8 AS hits
          FROM cache_span_minutes
          WHERE minute >= ${from} AND minute < ${to} AND ${serviceFilter}
          GROUP BY service_name, name, system`,
      SpanRow,
    ),
  ]);
  const histograms = new Map<string, Histogram>();
  for (const row of latency) {
    const key = compositeKey(row.service_name, row.endpoint, row.outcome);
    const histogram = histograms.get(key) ?? new Histogram();
    histograms.set(key, histogram);
    histogram.add(row.bucket, row.requests);
  }
  const p95 = (service: string, endpoint: string, outcome: number) =>
    histograms.get(compositeKey(service, endpoint, outcome))?.percentilesMs().p95Ms ?? null;
  return {
    endpoints: [...endpoints.values()]
      .map((row) => ({
        service: row.service,
        endpoint: row.endpoint,
        lookups: row.lookups,
        hits: row.hits,
        misses: row.lookups - row.hits,
        hitRatio: row.hits / row.lookups,
        missP95Ms: p95(row.service, row.endpoint, MISSED),
        hitP95Ms: p95(row.service, row.endpoint, 1 - MISSED),
      }))
      .sort((a, b) => b.misses - a.misses || a.hitRatio - b.hitRatio),
    caches: spans
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
