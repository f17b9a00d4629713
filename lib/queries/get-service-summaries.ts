// Request rate, error rate, p50/p95/p99 and a request-count sparkline per service over a
// window, from per-minute rollups: GET /api/services.
import type { ServiceSummary } from "@/lib/api/endpoint-schemas";
import type { TimeWindow } from "@/lib/api/time-range";
import { getPool } from "@/lib/db/pool";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { minuteToMs, msToMinute } from "@/lib/rollups/minutes";

const SLOTS = `
SELECT service_name, (minute - $1) / $3 AS slot,
       sum(request_count)::float8 AS requests, sum(error_count)::float8 AS errors,
       string_agg(array_to_string(latency_histogram, ','), ',') AS latency
FROM endpoint_minutes
WHERE minute >= $1 AND minute < $2
GROUP BY service_name, slot`;

interface ServiceTotals {
  requests: number;
  errors: number;
  sparkline: number[];
  histogram: Histogram;
}

export async function getServiceSummaries(window: TimeWindow, stepMs: number): Promise<ServiceSummary[]> {
  const fromMinute = msToMinute(window.from);
  const { rows } = await getPool().query<{
    service_name: string;
    slot: string;
    requests: number;
    errors: number;
    latency: string | null;
  }>(SLOTS, [fromMinute, msToMinute(window.to), stepMs / 60_000]);
  const slots = Math.ceil((window.to - window.from) / stepMs);
  const services = new Map<string, ServiceTotals>();
  for (const row of rows) {
    const totals = services.get(row.service_name) ?? {
      requests: 0,
      errors: 0,
      sparkline: new Array<number>(slots).fill(0),
      histogram: new Histogram(),
    };
    services.set(row.service_name, totals);
    totals.requests += row.requests;
    totals.errors += row.errors;
    const slot = Number(row.slot);
    if (slot < slots) totals.sparkline[slot] = (totals.sparkline[slot] ?? 0) + row.requests;
    totals.histogram.addPackedText(row.latency);
  }
  const seconds = (window.to - window.from) / 1000;
  return [...services.entries()]
    .map(([service, totals]) => ({
      service,
      count: totals.requests,
      requestRate: totals.requests / seconds,
      errorCount: totals.errors,
      errorRate: totals.requests > 0 ? totals.errors / totals.requests : 0,
      ...totals.histogram.percentilesMs(),
      sparkline: totals.sparkline.map((count, slot) => ({
        t: minuteToMs(fromMinute) + slot * stepMs,
        count,
      })),
    }))
    .sort((a, b) => a.service.localeCompare(b.service));
}
