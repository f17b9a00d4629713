// Requests, errors and p50/p95/p99 per endpoint over a window, merged from the rollups (never
// from raw spans): GET /api/endpoints.
import type { EndpointSummary } from "@/lib/api/endpoint-schemas";
import type { TimeWindow } from "@/lib/api/time-range";
import { getPool } from "@/lib/db/pool";
import { getEndpointCacheTotals } from "@/lib/queries/get-endpoint-cache-totals";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { msToMinute } from "@/lib/rollups/minutes";
import { tieredRows, tierParams, tierWindow } from "@/lib/rollups/rollup-tiers";

// The histograms of a window travel as one comma-separated text per endpoint: far cheaper to
// ship and parse than one array (or row) per minute.
const SUMMARIES = `
SELECT service_name, endpoint, sum(request_count)::float8 AS requests, sum(error_count)::float8 AS errors,
       string_agg(array_to_string(latency_histogram, ','), ',') AS latency
FROM ${tieredRows("service_name, endpoint, request_count, error_count, latency_histogram", "($5::text IS NULL OR service_name = $5)")} AS rollups
GROUP BY service_name, endpoint`;

interface SummaryRow {
  service_name: string;
  endpoint: string;
  requests: number;
  errors: number;
  latency: string | null;
}

export async function getEndpointSummaries(window: TimeWindow, service?: string): Promise<EndpointSummary[]> {
  const tiers = tierWindow(msToMinute(window.from), msToMinute(window.to));
  const [{ rows }, cache] = await Promise.all([
    getPool().query<SummaryRow>(SUMMARIES, [...tierParams(tiers), service ?? null]),
    getEndpointCacheTotals(window, service),
  ]);
  return rows
    .map((row) => {
      const histogram = new Histogram();
      histogram.addPackedText(row.latency);
      const lookups = cache.get(`${row.service_name}\u0000${row.endpoint}`);
      return {
        service: row.service_name,
        endpoint: row.endpoint,
        count: row.requests,
        errorCount: row.errors,
        errorRate: row.requests > 0 ? row.errors / row.requests : 0,
        ...histogram.percentilesMs(),
        cacheHitRatio: lookups ? lookups.hits / lookups.lookups : null,
        cacheLookups: lookups?.lookups ?? 0,
      };
    })
    .sort((a, b) => a.service.localeCompare(b.service) || b.count - a.count);
}
