// The metrics that have points in a window, with their services and attribute keys:
// GET /api/metrics. A series counts when it has a point in the window (one primary-key probe per
// series, so the week-long list costs the number of series, not of points).
import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";
import type { MetricSummary } from "@/lib/metrics/metric-schemas";
import { METRIC_TYPE_NAMES, SERVICE_KEY } from "@/lib/metrics/metric-stats";
import type { TimeWindow } from "@/lib/model/time-window";

const MAX_VALUES_PER_KEY = 50;

const SeriesRow = z.object({
  metric_name: z.string(),
  metric_type: z.number(),
  unit: z.string().nullable(),
  description: z.string().nullable(),
  service_name: z.string(),
  attributes: z.record(z.string(), z.unknown()),
});

export async function getMetricList(
  db: Db,
  window: TimeWindow,
  service: string | null,
): Promise<MetricSummary[]> {
  const from = BigInt(window.from) * 1_000_000n;
  const to = BigInt(window.to) * 1_000_000n;
  const rows = await db.many(
    sql`SELECT s.metric_name, s.metric_type::int AS metric_type, s.unit, s.description, s.service_name, s.attributes
        FROM metric_series s
        WHERE (${service}::text IS NULL OR s.service_name = ${service})
          AND EXISTS (SELECT 1 FROM metric_points p
                      WHERE p.series_id = s.series_id AND p.time_unix_nano >= ${from} AND p.time_unix_nano < ${to})`,
    SeriesRow,
  );
  const metrics = new Map<
    string,
    { summary: MetricSummary; services: Set<string>; values: Map<string, Set<string>> }
  >();
  for (const row of rows) {
    const type = METRIC_TYPE_NAMES[row.metric_type];
    if (type === undefined) continue;
    const key = JSON.stringify([row.metric_name, type, row.unit]);
    let entry = metrics.get(key);
    if (entry === undefined) {
      entry = {
        summary: {
          name: row.metric_name,
          type,
          unit: row.unit,
          description: row.description,
          services: [],
          attributeKeys: [],
          attributeValues: {},
        },
        services: new Set(),
        values: new Map([[SERVICE_KEY, new Set()]]),
      };
      metrics.set(key, entry);
    }
    entry.summary.description ??= row.description;
    entry.services.add(row.service_name);
    addValue(entry.values, SERVICE_KEY, row.service_name);
    for (const [attribute, value] of Object.entries(row.attributes)) {
      addValue(entry.values, attribute, labelText(value));
    }
  }
  return [...metrics.values()]
    .map(({ summary, services, values }) => ({
      ...summary,
      services: [...services].sort(),
      attributeKeys: [...values.keys()].sort(),
      attributeValues: Object.fromEntries([...values].map(([k, v]) => [k, [...v].sort()])),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.type < b.type ? -1 : 1));
}

function addValue(values: Map<string, Set<string>>, key: string, value: string): void {
  let set = values.get(key);
  if (set === undefined) {
    set = new Set();
    values.set(key, set);
  }
  if (set.size < MAX_VALUES_PER_KEY) set.add(value);
}

/** An attribute value as a label: strings as they are, anything else as its JSON text. */
export function labelText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
