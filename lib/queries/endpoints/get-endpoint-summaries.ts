// Requests, errors and p50/p95/p99 per endpoint over a window, with the error rate and p95 of the
// previous window of the same length, merged from the rollups (never from raw spans): GET /api/endpoints.
import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";
import { endpointKey } from "@/lib/model/composite-key";
import type { EndpointSummary } from "@/lib/model/endpoints";
import type { TimeWindow } from "@/lib/model/time-window";
import { getEndpointCacheTotals } from "@/lib/queries/caches/get-endpoint-cache-totals";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { msToMinute } from "@/lib/rollups/minutes";
import { tieredRollupRows, tierWindow } from "@/lib/rollups/rollup-tiers";

// One row per rollup row covering the window; histograms travel in binary (array_send) and are
// merged here, which is far cheaper than having PostgreSQL print and concatenate every bucket.
const RollupRow = z.object({
  service_name: z.string(),
  endpoint: z.string(),
  requests: z.number(),
  errors: z.number(),
  latency: z.instanceof(Buffer),
});

interface EndpointTotals {
  service: string;
  endpoint: string;
  requests: number;
  errors: number;
  histogram: Histogram;
}

function rollupRows(db: Db, window: TimeWindow, service: string | undefined) {
  const rollups = tieredRollupRows(
    tierWindow(msToMinute(window.from), msToMinute(window.to)),
    ["service_name", "endpoint", "request_count", "error_count", "latency_histogram"],
    sql`(${service ?? null}::text IS NULL OR service_name = ${service ?? null})`,
  );
  return db.many(
    sql`SELECT service_name, endpoint, request_count::float8 AS requests, error_count::float8 AS errors,
               array_send(latency_histogram) AS latency
        FROM ${rollups} AS rollups`,
    RollupRow,
  );
}

function mergeTotals(rows: readonly z.infer<typeof RollupRow>[]): Map<string, EndpointTotals> {
  const endpoints = new Map<string, EndpointTotals>();
  for (const row of rows) {
    const key = endpointKey(row.service_name, row.endpoint);
    let totals = endpoints.get(key);
    if (!totals) {
      totals = {
        service: row.service_name,
        endpoint: row.endpoint,
        requests: 0,
        errors: 0,
        histogram: new Histogram(),
      };
      endpoints.set(key, totals);
    }
    totals.requests += row.requests;
    totals.errors += row.errors;
    totals.histogram.addPackedBinary(row.latency);
  }
  return endpoints;
}

export async function getEndpointSummaries(
  db: Db,
  window: TimeWindow,
  service?: string,
): Promise<EndpointSummary[]> {
  const length = window.to - window.from;
  const [rows, previousRows, cache] = await Promise.all([
    rollupRows(db, window, service),
    rollupRows(db, { from: window.from - length, to: window.from }, service),
    getEndpointCacheTotals(db, window, service),
  ]);
  const endpoints = mergeTotals(rows);
  const previous = mergeTotals(previousRows);
  return [...endpoints.entries()]
    .map(([key, totals]) => {
      const lookups = cache.get(key);
      return {
        service: totals.service,
        endpoint: totals.endpoint,
        count: totals.requests,
        errorCount: totals.errors,
        errorRate: totals.requests > 0 ? totals.errors / totals.requests : 0,
        ...totals.histogram.percentilesMs(),
        cacheHitRatio: lookups ? lookups.hits / lookups.lookups : null,
        cacheLookups: lookups?.lookups ?? 0,
        previous: previousOf(previous.get(key)),
      };
    })
    .sort((a, b) => a.service.localeCompare(b.service) || b.count - a.count);
}

function previousOf(totals: EndpointTotals | undefined): EndpointSummary["previous"] {
  if (!totals || totals.requests <= 0) return null;
  return {
    count: totals.requests,
    errorCount: totals.errors,
    errorRate: totals.errors / totals.requests,
    p95Ms: totals.histogram.percentilesMs().p95Ms,
  };
}
