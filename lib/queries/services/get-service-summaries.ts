// Request rate, error rate, p50/p95/p99 and a request-count sparkline per service over a
// window, from the rollups: GET /api/services.
import type { ServiceSummary } from "@/lib/api/endpoint-schemas";
import type { TimeWindow } from "@/lib/api/time-range";
import { getPool } from "@/lib/db/pool";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { minuteToMs, msToMinute } from "@/lib/rollups/minutes";
import { tieredRows, tierParams, tierWindow } from "@/lib/rollups/rollup-tiers";

// Counts per step come from the minute rows (no histograms travel); the latency of the whole
// window from the tiered rows.
const COUNTS_PER_SLOT = `
SELECT service_name, (minute - $1) / $3 AS slot,
       sum(request_count)::float8 AS requests, sum(error_count)::float8 AS errors
FROM endpoint_minutes
WHERE minute >= $1 AND minute < $2
GROUP BY service_name, slot`;

const LATENCY = `
SELECT service_name, array_send(latency_histogram) AS latency
FROM ${tieredRows("service_name, latency_histogram")} AS rollups`;

export async function getServiceSummaries(window: TimeWindow, stepMs: number): Promise<ServiceSummary[]> {
  const fromMinute = msToMinute(window.from);
  const toMinute = msToMinute(window.to);
  const pool = getPool();
  const [counts, latency] = await Promise.all([
    pool.query<{ service_name: string; slot: string; requests: number; errors: number }>(COUNTS_PER_SLOT, [
      fromMinute,
      toMinute,
      stepMs / 60_000,
    ]),
    pool.query<{ service_name: string; latency: Buffer }>(
      LATENCY,
      tierParams(tierWindow(fromMinute, toMinute)),
    ),
  ]);
  const slots = Math.ceil((window.to - window.from) / stepMs);
  const services = new Map<string, { requests: number; errors: number; sparkline: number[] }>();
  for (const row of counts.rows) {
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
  for (const row of latency.rows) {
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
