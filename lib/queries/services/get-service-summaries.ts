// Request rate, error rate, p50/p95/p99 and a request-count sparkline per service over a
// window, from the rollups: GET /api/services.

import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";
import type { ServiceSummary } from "@/lib/model/endpoints";
import type { TimeWindow } from "@/lib/model/time-window";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { minuteToMs, msToMinute } from "@/lib/rollups/minutes";
import { tieredRollupRows, tierWindow } from "@/lib/rollups/rollup-tiers";

const CountRow = z.object({
  service_name: z.string(),
  slot: z.string(),
  requests: z.number(),
  errors: z.number(),
});
const LatencyRow = z.object({ service_name: z.string(), latency: z.instanceof(Buffer) });

export async function getServiceSummaries(
  db: Db,
  window: TimeWindow,
  stepMs: number,
): Promise<ServiceSummary[]> {
  const fromMinute = msToMinute(window.from);
  const toMinute = msToMinute(window.to);
  // Counts per step come from the minute rows (no histograms travel); the latency of the whole
  // window from the tiered rows.
  const rollups = tieredRollupRows(
    tierWindow(fromMinute, toMinute),
    ["service_name", "latency_histogram"],
    sql`TRUE`,
  );
  const [counts, latency] = await Promise.all([
    db.many(
      sql`SELECT service_name, (minute - ${fromMinute}) / ${stepMs / 60_000} AS slot,
                 sum(request_count)::float8 AS requests, sum(error_count)::float8 AS errors
          FROM endpoint_minutes
          WHERE minute >= ${fromMinute} AND minute < ${toMinute}
          GROUP BY service_name, slot`,
      CountRow,
    ),
    db.many(
      sql`SELECT service_name, array_send(latency_histogram) AS latency FROM ${rollups} AS rollups`,
      LatencyRow,
    ),
  ]);
  const slots = Math.ceil((window.to - window.from) / stepMs);
  const services = new Map<string, { requests: number; errors: number; sparkline: number[] }>();
  for (const row of counts) {
    const totals = services.get(row.service_name) ?? {
      requests: 0,
      errors: 0,
      sparkline: new Array<number>(slots).fill(0),
    };
    services.set(row.service_name, totals);
    totals.requests += row.requests;
    totals.errors += row.errors;
    const slot = Number(row.slot);
    if (slot < slots) totals.sparkline[slot] = (totals.sparkline[slot] ?? 0) + row.requests;
  }
  const histograms = new Map<string, Histogram>();
  for (const row of latency) {
    const histogram = histograms.get(row.service_name) ?? new Histogram();
    histograms.set(row.service_name, histogram);
    histogram.addPackedBinary(row.latency);
  }
  const seconds = (window.to - window.from) / 1000;
  return [...services.entries()]
    .map(([service, totals]) => {
      const histogram = histograms.get(service) ?? new Histogram();
      return {
        service,
        count: totals.requests,
        requestRate: totals.requests / seconds,
        errorCount: totals.errors,
        errorRate: totals.requests > 0 ? totals.errors / totals.requests : 0,
        ...histogram.percentilesMs(),
        sparkline: totals.sparkline.map((count, slot) => ({
          t: minuteToMs(fromMinute) + slot * stepMs,
          count,
        })),
      };
    })
    .sort((a, b) => a.service.localeCompare(b.service));
}
