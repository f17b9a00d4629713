// Request rate, error rate, p50/p95/p99, sparklines of requests, errors and p95, and the totals of
// the previous window of the same length per service, from the rollups: GET /api/services.

import { z } from "zod";
import { type Db, raw, sql } from "@/lib/db/sql";
import type { ServiceSummary } from "@/lib/model/endpoints";
import type { TimeWindow } from "@/lib/model/time-window";
import { getServiceTotals } from "@/lib/queries/services/get-service-totals";
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
const SlotLatencyRow = z.object({
  service_name: z.string(),
  slot: z.string(),
  latency: z.instanceof(Buffer),
});

/**
 * The table a sparkline's p95 per step is merged from: ten-minute rows once a step spans whole
 * blocks of ten (a week's sparkline would otherwise merge ~10k histograms per endpoint).
 */
function slotLatencyTable(stepMinutes: number) {
  return raw(stepMinutes % 10 === 0 ? "endpoint_ten_minutes" : "endpoint_minutes");
}

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
  const stepMinutes = stepMs / 60_000;
  const length = window.to - window.from;
  const [counts, latency, slotLatency, previous] = await Promise.all([
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
    db.many(
      sql`SELECT service_name, floor((minute - ${fromMinute})::float8 / ${stepMinutes})::int8 AS slot,
                 array_send(latency_histogram) AS latency
          FROM ${slotLatencyTable(stepMinutes)}
          WHERE minute >= ${fromMinute} AND minute < ${toMinute} AND request_count > 0`,
      SlotLatencyRow,
    ),
    getServiceTotals(db, { from: window.from - length, to: window.from }),
  ]);
  const slots = Math.ceil((window.to - window.from) / stepMs);
  const services = new Map<
    string,
    {
      requests: number;
      errors: number;
      sparkline: { requests: number; errors: number; histogram: Histogram }[];
    }
  >();
  for (const row of counts) {
    const totals = services.get(row.service_name) ?? {
      requests: 0,
      errors: 0,
      sparkline: Array.from({ length: slots }, () => ({
        requests: 0,
        errors: 0,
        histogram: new Histogram(),
      })),
    };
    services.set(row.service_name, totals);
    totals.requests += row.requests;
    totals.errors += row.errors;
    const slot = totals.sparkline[Number(row.slot)];
    if (slot) {
      slot.requests += row.requests;
      slot.errors += row.errors;
    }
  }
  for (const row of slotLatency) {
    services.get(row.service_name)?.sparkline[Number(row.slot)]?.histogram.addPackedBinary(row.latency);
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
        sparkline: totals.sparkline.map((step, slot) => ({
          t: minuteToMs(fromMinute) + slot * stepMs,
          count: step.requests,
          errorCount: step.errors,
          p95Ms: step.histogram.percentilesMs().p95Ms,
        })),
        previous: previous.get(service) ?? null,
      };
    })
    .sort((a, b) => a.service.localeCompare(b.service));
}
