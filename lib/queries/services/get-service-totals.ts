// Requests, failed requests and p95 per service over a whole window, from the tiered rollups:
// the "previous window" the overview compares each service against (getServiceSummaries).

import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";
import type { TimeWindow } from "@/lib/model/time-window";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { msToMinute } from "@/lib/rollups/minutes";
import { tieredRollupRows, tierWindow } from "@/lib/rollups/rollup-tiers";

const TotalRow = z.object({
  service_name: z.string(),
  requests: z.number(),
  errors: z.number(),
  latency: z.instanceof(Buffer),
});

export interface ServiceTotals {
  count: number;
  errorCount: number;
  errorRate: number;
  p95Ms: number | null;
}

export async function getServiceTotals(db: Db, window: TimeWindow): Promise<Map<string, ServiceTotals>> {
  const rollups = tieredRollupRows(
    tierWindow(msToMinute(window.from), msToMinute(window.to)),
    ["service_name", "request_count", "error_count", "latency_histogram"],
    sql`TRUE`,
  );
  const rows = await db.many(
    sql`SELECT service_name, request_count::float8 AS requests, error_count::float8 AS errors,
               array_send(latency_histogram) AS latency
        FROM ${rollups} AS rollups`,
    TotalRow,
  );
  const sums = new Map<string, { requests: number; errors: number; histogram: Histogram }>();
  for (const row of rows) {
    const sum = sums.get(row.service_name) ?? { requests: 0, errors: 0, histogram: new Histogram() };
    sums.set(row.service_name, sum);
    sum.requests += row.requests;
    sum.errors += row.errors;
    sum.histogram.addPackedBinary(row.latency);
  }
  const totals = new Map<string, ServiceTotals>();
  for (const [service, sum] of sums) {
    if (sum.requests <= 0) continue;
    totals.set(service, {
      count: sum.requests,
      errorCount: sum.errors,
      errorRate: sum.errors / sum.requests,
      p95Ms: sum.histogram.percentilesMs().p95Ms,
    });
  }
  return totals;
}
