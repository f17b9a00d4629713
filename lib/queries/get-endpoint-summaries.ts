// Requests, errors and p50/p95/p99 per endpoint over a window, merged from per-minute rollups
// (never from raw spans): GET /api/endpoints.
import type { EndpointSummary } from "@/lib/api/endpoint-schemas";
import type { TimeWindow } from "@/lib/api/time-range";
import { getPool } from "@/lib/db/pool";
import { addToHistogram, type Histogram, percentilesMs } from "@/lib/rollups/latency-histogram";
import { msToMinute } from "@/lib/rollups/minutes";

const COUNTS = `
SELECT service_name, endpoint, sum(request_count)::float8 AS requests, sum(error_count)::float8 AS errors
FROM endpoint_minutes
WHERE minute >= $1 AND minute < $2 AND ($3::text IS NULL OR service_name = $3)
GROUP BY service_name, endpoint`;

const BUCKETS = `
SELECT service_name, endpoint, bucket, sum(request_count)::float8 AS requests
FROM endpoint_latency_buckets
WHERE minute >= $1 AND minute < $2 AND ($3::text IS NULL OR service_name = $3)
GROUP BY service_name, endpoint, bucket`;

interface CountRow {
  service_name: string;
  endpoint: string;
  requests: number;
  errors: number;
}

interface BucketRow {
  service_name: string;
  endpoint: string;
  bucket: number;
  requests: number;
}

export async function getEndpointSummaries(window: TimeWindow, service?: string): Promise<EndpointSummary[]> {
  const params = [msToMinute(window.from), msToMinute(window.to), service ?? null];
  const pool = getPool();
  const [counts, buckets] = await Promise.all([
    pool.query<CountRow>(COUNTS, params),
    pool.query<BucketRow>(BUCKETS, params),
  ]);
  const histograms = new Map<string, Histogram>();
  for (const row of buckets.rows) {
    const key = `${row.service_name}\u0000${row.endpoint}`;
    const histogram = histograms.get(key) ?? new Map();
    histograms.set(key, histogram);
    addToHistogram(histogram, row.bucket, row.requests);
  }
  return counts.rows
    .map((row) => ({
      service: row.service_name,
      endpoint: row.endpoint,
      count: row.requests,
      errorCount: row.errors,
      errorRate: row.requests > 0 ? row.errors / row.requests : 0,
      ...percentilesMs(histograms.get(`${row.service_name}\u0000${row.endpoint}`) ?? new Map()),
      cacheHitRatio: null,
      cacheLookups: 0,
    }))
    .sort((a, b) => a.service.localeCompare(b.service) || b.count - a.count);
}
