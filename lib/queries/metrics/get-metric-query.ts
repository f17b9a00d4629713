// The answer to GET /api/metrics/query: the metric's series per group and its exemplars.
import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";
import type { MetricQueryParams } from "@/lib/metrics/metric-query";
import type { MetricQueryResult } from "@/lib/metrics/metric-schemas";
import { DEFAULT_STAT, METRIC_TYPE_NAMES, statsFor } from "@/lib/metrics/metric-stats";
import { BadRequestError } from "@/lib/model/request-errors";
import { getMetricExemplars } from "./get-metric-exemplars";
import { getMetricSeries } from "./get-metric-series";

const TypeRow = z.object({ metric_type: z.number() });

export async function getMetricQuery(db: Db, params: MetricQueryParams): Promise<MetricQueryResult> {
  const { window, stepMs, name } = params;
  const result = await getMetricSeries(db, params);
  if (result !== null) {
    const exemplars = await getMetricExemplars(db, result.seriesIds, window, result.labelsOf);
    const { type, unit, stat, series, heatmap } = result;
    const answer = { from: window.from, to: window.to, stepMs, name, type, unit, stat, series, exemplars };
    return params.heatmap ? { ...answer, heatmap: heatmap ?? null } : answer;
  }
  // Nothing matched the filters: an empty answer if the metric exists, a 400 if it does not.
  const row = await db.one(
    sql`SELECT metric_type::int AS metric_type FROM metric_series
        WHERE metric_name = ${name} AND (${params.service}::text IS NULL OR service_name = ${params.service})
        LIMIT 1`,
    TypeRow,
  );
  const type = row === undefined ? undefined : METRIC_TYPE_NAMES[row.metric_type];
  if (type === undefined) {
    const where = params.service ? ` in service "${params.service}"` : "";
    throw new BadRequestError(`no metric named "${name}"${where}: list them with GET /api/metrics`);
  }
  const stat = params.stat ?? DEFAULT_STAT[type];
  if (!statsFor(type).includes(stat)) {
    throw new BadRequestError(
      `stat=${stat} does not apply to ${name}, a ${type}: use one of ${statsFor(type).join(", ")}`,
    );
  }
  return {
    from: window.from,
    to: window.to,
    stepMs,
    name,
    type,
    unit: null,
    stat,
    series: [],
    exemplars: [],
    ...(params.heatmap ? { heatmap: null } : {}),
  };
}
