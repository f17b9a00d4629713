// Exemplars of the selected series in a window — the measurements that link a metric to a trace:
// part of GET /api/metrics/query. The latest MAX_EXEMPLARS that carry a trace id.
import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";
import type { MetricExemplar } from "@/lib/metrics/metric-schemas";
import type { Labels } from "@/lib/metrics/step-series";
import type { TimeWindow } from "@/lib/model/time-window";

const MAX_EXEMPLARS = 200;

const ExemplarRow = z.object({
  series_id: z.string(),
  exemplars: z.array(
    z.object({
      timeUnixNano: z.string(),
      asDouble: z.union([z.number(), z.string()]).optional(),
      asInt: z.string().optional(),
      traceId: z.string().optional(),
      spanId: z.string().optional(),
    }),
  ),
});

export async function getMetricExemplars(
  db: Db,
  seriesIds: string[],
  window: TimeWindow,
  labelsOf: (series: string) => Labels,
): Promise<MetricExemplar[]> {
  if (seriesIds.length === 0) return [];
  const from = BigInt(window.from) * 1_000_000n;
  const to = BigInt(window.to) * 1_000_000n;
  const rows = await db.many(
    sql`SELECT series_id::text, exemplars FROM metric_points
        WHERE series_id = ANY(${seriesIds}::bigint[]) AND time_unix_nano >= ${from} AND time_unix_nano < ${to}
          AND exemplars IS NOT NULL
        ORDER BY time_unix_nano DESC LIMIT ${MAX_EXEMPLARS}`,
    ExemplarRow,
  );
  const seen = new Set<string>();
  const out: MetricExemplar[] = [];
  for (const row of rows) {
    for (const e of row.exemplars) {
      // A cumulative point repeats the exemplars it still holds: each one once.
      const key = `${e.traceId}/${e.spanId}/${e.timeUnixNano}`;
      if (e.traceId === undefined || seen.has(key)) continue;
      seen.add(key);
      const t = Number(BigInt(e.timeUnixNano) / 1_000_000n);
      if (t < window.from || t >= window.to) continue;
      const v =
        e.asInt !== undefined ? Number(e.asInt) : e.asDouble !== undefined ? Number(e.asDouble) : null;
      out.push({ t, v, traceId: e.traceId, spanId: e.spanId ?? null, labels: labelsOf(row.series_id) });
    }
  }
  return out.sort((a, b) => a.t - b.t).slice(-MAX_EXEMPLARS);
}
