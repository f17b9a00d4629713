// Requests, errors and the merged latency histogram per endpoint over a window, from the rollups
// (never from raw spans). Read by GET /api/endpoints (lib/queries/endpoints/get-endpoint-summaries.ts),
// the budgets page and the budgets worker (lib/jobs/check-budgets.ts), so all three see one figure.
import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";
import { endpointKey } from "@/lib/model/composite-key";
import type { TimeWindow } from "@/lib/model/time-window";
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

export interface EndpointTotals {
  service: string;
  endpoint: string;
  requests: number;
  errors: number;
  histogram: Histogram;
}

/** Keyed by endpointKey(service, endpoint); only endpoints with rollup rows in the window. */
export async function getEndpointTotals(
  db: Db,
  window: TimeWindow,
  service?: string,
): Promise<Map<string, EndpointTotals>> {
  const rollups = tieredRollupRows(
    tierWindow(msToMinute(window.from), msToMinute(window.to)),
    ["service_name", "endpoint", "request_count", "error_count", "latency_histogram"],
    sql`(${service ?? null}::text IS NULL OR service_name = ${service ?? null})`,
  );
  const rows = await db.many(
    sql`SELECT service_name, endpoint, request_count::float8 AS requests, error_count::float8 AS errors,
               array_send(latency_histogram) AS latency
        FROM ${rollups} AS rollups`,
    RollupRow,
  );
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
