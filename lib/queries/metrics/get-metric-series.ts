// One metric over time, per group: GET /api/metrics/query. Two stages (docs/metrics.md):
//   1. in SQL, per series: cumulative points reduced to the last point of each run and step (the
//      increase telescopes, so nothing is lost), delta sums and gauges aggregated per step, delta
//      histograms as they are;
//   2. here: cumulative → increases (resets and restarts), then merged across the series of each
//      group and step (histograms bucket by bucket, exponential ones across scales), read as `stat`.
import { z } from "zod";
import { type Db, join, type Sql, sql } from "@/lib/db/sql";
import { cumulativeIncreases, subtractNumber } from "@/lib/metrics/cumulative-increases";
import { type ExplicitHistogram, subtractExplicit } from "@/lib/metrics/explicit-histogram";
import { type ExponentialHistogram, subtractExponential } from "@/lib/metrics/exponential-histogram";
import { histogramHeatmap } from "@/lib/metrics/histogram-heatmap";
import type { MetricQueryParams } from "@/lib/metrics/metric-query";
import type { MetricHeatmap, MetricSeries } from "@/lib/metrics/metric-schemas";
import {
  DEFAULT_STAT,
  METRIC_TYPE_NAMES,
  type MetricStat,
  type MetricTypeName,
  SERVICE_KEY,
  statsFor,
} from "@/lib/metrics/metric-stats";
import {
  type AnyHistogram,
  type GaugeStep,
  gaugeStat,
  groupOnGrid,
  histogramStat,
  type Labels,
  mergeGauge,
  mergeHistogram,
  type SeriesValue,
  type StepGrid,
  sumStat,
} from "@/lib/metrics/step-series";
import { parseExplicit, parseExponential, parseSummary } from "@/lib/metrics/stored-histogram";
import { BadRequestError } from "@/lib/model/request-errors";
import { labelText } from "./get-metric-list";

export type MetricQuery = MetricQueryParams;

export interface MetricSeriesResult {
  type: MetricTypeName;
  stat: MetricStat;
  unit: string | null;
  series: MetricSeries[];
  heatmap?: MetricHeatmap | null;
  /** the selected series ids, for the exemplar query */
  seriesIds: string[];
  labelsOf: (series: string) => Labels;
}

const DELTA = 1;
/** Cumulative points are read about this long before the window, as baselines for the first increase. */
const LOOKBACK_NS = 10n * 60_000_000_000n;

/** The lookback in whole steps: reduction buckets (last point per step) must align with the grid. */
function lookbackFrom(grid: StepGrid): bigint {
  const steps = (LOOKBACK_NS + grid.stepNs - 1n) / grid.stepNs;
  return grid.fromNs - steps * grid.stepNs;
}

const SeriesRow = z.object({
  series_id: z.string(),
  service_name: z.string(),
  metric_type: z.number(),
  aggregation_temporality: z.number(),
  is_monotonic: z.boolean(),
  unit: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
});
type SeriesRow = z.infer<typeof SeriesRow>;

const PointRow = z.object({
  series_id: z.string(),
  start_time_unix_nano: z.string(),
  time_unix_nano: z.string(),
  value: z.number().nullable(),
  histogram: z.unknown(),
});

const GaugeRow = z.object({
  series_id: z.string(),
  slot: z.number(),
  count: z.number(),
  sum: z.number(),
  min: z.number(),
  max: z.number(),
  last: z.number(),
});

/** A filter or group key: service.name is a column, anything else a point attribute. */
function keyCondition(key: string, value: string): Sql {
  return key === SERVICE_KEY ? sql`service_name = ${value}` : sql`attributes ->> ${key} = ${value}`;
}

export async function getMetricSeries(db: Db, query: MetricQuery): Promise<MetricSeriesResult | null> {
  const conditions = [sql`metric_name = ${query.name}`];
  if (query.service !== null) conditions.push(sql`service_name = ${query.service}`);
  for (const [key, value] of query.filters) conditions.push(keyCondition(key, value));
  const rows = await db.many(
    sql`SELECT series_id::text, service_name, metric_type::int AS metric_type,
               aggregation_temporality::int AS aggregation_temporality, is_monotonic, unit, attributes
        FROM metric_series WHERE ${join(conditions, " AND ")}`,
    SeriesRow,
  );
  const chosen = pickType(rows);
  if (chosen === null) return null;
  const { type, series } = chosen;
  const stat = query.stat ?? DEFAULT_STAT[type];
  if (!statsFor(type).includes(stat)) {
    throw new BadRequestError(
      `stat=${stat} does not apply to ${query.name}, a ${type}: use one of ${statsFor(type).join(", ")}`,
    );
  }
  if (query.heatmap && (type === "sum" || type === "gauge" || type === "summary")) {
    throw new BadRequestError(
      `heatmap=1 needs a histogram; ${query.name} is a ${type}: drop heatmap or pick a histogram metric`,
    );
  }
  const bySeries = new Map(series.map((s) => [s.series_id, s]));
  const labelsOf = (id: string): Labels => {
    const s = bySeries.get(id);
    const labels: Labels = {};
    for (const key of query.groupBy) {
      const value = key === SERVICE_KEY ? s?.service_name : s?.attributes[key];
      labels[key] = value === undefined ? "" : labelText(value);
    }
    return labels;
  };
  const grid: StepGrid = {
    fromNs: BigInt(query.window.from) * 1_000_000n,
    stepNs: BigInt(query.stepMs) * 1_000_000n,
    slots: Math.ceil((query.window.to - query.window.from) / query.stepMs),
  };
  const toSeries = <V>(
    values: Iterable<SeriesValue<V>>,
    merge: (a: V, b: V) => V,
    read: (v: V) => number | null,
  ) =>
    groupOnGrid(values, labelsOf, grid, merge).map((group) => ({
      labels: group.labels,
      points: group.steps.map((v, i) => ({
        t: query.window.from + i * query.stepMs,
        v: v === undefined ? null : read(v),
      })),
    }));

  const ids = series.map((s) => s.series_id);
  let result: MetricSeries[];
  let heatmap: MetricHeatmap | null | undefined;
  if (type === "gauge") {
    const steps = await gaugeSteps(db, ids, grid);
    result = toSeries(steps, mergeGauge, (g) => gaugeStat(g, stat));
  } else if (type === "sum") {
    const values = await sumIncreases(db, series, grid);
    result = toSeries(
      values,
      (a, b) => a + b,
      (v) => sumStat(v, stat, query.stepMs),
    );
  } else {
    const values = await histogramIncreases(db, series, grid, type);
    result = toSeries<AnyHistogram>(values, mergeHistogram, (h) => histogramStat(h, stat));
    if (query.heatmap) {
      const [all] = groupOnGrid<AnyHistogram>(values, () => ({}), grid, mergeHistogram);
      heatmap = all ? histogramHeatmap(all.steps) : null;
    }
  }
  const unit = series[0]?.unit ?? null;
  return { type, stat, unit, series: result, heatmap, seriesIds: ids, labelsOf };
}

/** Series of one name may differ in type (two services, two SDKs): the most common type wins. */
function pickType(rows: SeriesRow[]): { type: MetricTypeName; series: SeriesRow[] } | null {
  const byType = new Map<MetricTypeName, SeriesRow[]>();
  for (const row of rows) {
    const type = METRIC_TYPE_NAMES[row.metric_type];
    if (type === undefined) continue;
    byType.set(type, [...(byType.get(type) ?? []), row]);
  }
  let best: { type: MetricTypeName; series: SeriesRow[] } | null = null;
  for (const [type, series] of byType)
    if (best === null || series.length > best.series.length) best = { type, series };
  return best;
}

async function gaugeSteps(db: Db, ids: string[], grid: StepGrid): Promise<SeriesValue<GaugeStep>[]> {
  const to = grid.fromNs + grid.stepNs * BigInt(grid.slots);
  const rows = await db.many(
    sql`SELECT series_id::text, ((time_unix_nano - ${grid.fromNs}) / ${grid.stepNs})::int AS slot,
               count(*)::int AS count, sum(value) AS sum, min(value) AS min, max(value) AS max,
               (array_agg(value ORDER BY time_unix_nano DESC))[1] AS last
        FROM metric_points
        WHERE series_id = ANY(${ids}::bigint[]) AND time_unix_nano >= ${grid.fromNs} AND time_unix_nano < ${to}
          AND value IS NOT NULL
        GROUP BY series_id, slot`,
    GaugeRow,
  );
  return rows.map(({ series_id, slot, ...step }) => ({
    series: series_id,
    time: grid.fromNs + grid.stepNs * BigInt(slot),
    value: step,
  }));
}

/**
 * Points of cumulative series, reduced to the last point of each run (start time) and step, with
 * a lookback for baselines; points of delta series as they are. Sorted by series, then time.
 */
async function readPoints(db: Db, series: SeriesRow[], grid: StepGrid, cumulative: boolean) {
  const ids = series.map((s) => s.series_id);
  const to = grid.fromNs + grid.stepNs * BigInt(grid.slots);
  if (!cumulative) {
    return db.many(
      sql`SELECT series_id::text, start_time_unix_nano::text, time_unix_nano::text, value, histogram
          FROM metric_points
          WHERE series_id = ANY(${ids}::bigint[]) AND time_unix_nano >= ${grid.fromNs} AND time_unix_nano < ${to}
            AND (value IS NOT NULL OR histogram IS NOT NULL)
          ORDER BY series_id, time_unix_nano`,
      PointRow,
    );
  }
  const from = lookbackFrom(grid);
  // Per series (its points are contiguous in the primary key): the last point of each run and
  // step is picked on the key columns alone (an index-only scan and a small in-memory sort), then
  // only those points are fetched whole. A week of 5-minute points read at 1-hour steps fetches
  // 1 point in 12, and no sort of the whole week spills to disk. A point without a value (OTLP's
  // no-recorded-value flag) that ends a step is dropped after the pick: its step's increase then
  // shows in the next step (the total is kept: increases telescope).
  const rows = await db.many(
    sql`SELECT last.series_id::text, last.start_time_unix_nano::text, last.time_unix_nano::text, p.value, p.histogram
        FROM unnest(${ids}::bigint[]) AS s(id)
        CROSS JOIN LATERAL (
          SELECT DISTINCT ON (start_time_unix_nano, slot) series_id, time_unix_nano, start_time_unix_nano
          FROM (SELECT series_id, time_unix_nano, start_time_unix_nano,
                       (time_unix_nano - ${from}) / ${grid.stepNs} AS slot
                FROM metric_points
                WHERE series_id = s.id AND time_unix_nano >= ${from} AND time_unix_nano < ${to}) k
          ORDER BY start_time_unix_nano, slot, time_unix_nano DESC) last
        CROSS JOIN LATERAL (
          SELECT value, histogram FROM metric_points p
          WHERE p.series_id = last.series_id AND p.time_unix_nano = last.time_unix_nano
            AND p.start_time_unix_nano = last.start_time_unix_nano
          LIMIT 1) p
        WHERE p.value IS NOT NULL OR p.histogram IS NOT NULL`,
    PointRow,
  );
  return rows.sort((a, b) =>
    a.series_id !== b.series_id
      ? a.series_id < b.series_id
        ? -1
        : 1
      : compareBigint(BigInt(a.time_unix_nano), BigInt(b.time_unix_nano)),
  );
}

function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Increases of a sum's series: delta points as they are, cumulative ones differenced. */
async function sumIncreases(db: Db, series: SeriesRow[], grid: StepGrid): Promise<SeriesValue<number>[]> {
  const out: SeriesValue<number>[] = [];
  for (const cumulative of [false, true]) {
    const part = series.filter((s) => (s.aggregation_temporality !== DELTA) === cumulative);
    if (part.length === 0) continue;
    const monotonic = new Set(part.filter((s) => s.is_monotonic).map((s) => s.series_id));
    const rows = await readPoints(db, part, grid, cumulative);
    const points = rows.map((row) => ({
      series: row.series_id,
      start: BigInt(row.start_time_unix_nano),
      time: BigInt(row.time_unix_nano),
      value: row.value ?? 0,
    }));
    if (!cumulative) out.push(...points);
    else {
      // An up-down counter may go down; only a monotonic one has resets.
      const byMonotonic = (later: number, earlier: number) => later - earlier;
      for (const isMonotonic of [true, false]) {
        const subset = points.filter((p) => monotonic.has(p.series) === isMonotonic);
        out.push(...cumulativeIncreases(subset, isMonotonic ? subtractNumber : byMonotonic, grid.fromNs));
      }
    }
  }
  return out;
}

/** Increases of histogram (or summary) series, as histograms. */
async function histogramIncreases(
  db: Db,
  series: SeriesRow[],
  grid: StepGrid,
  type: MetricTypeName,
): Promise<SeriesValue<AnyHistogram>[]> {
  const parse: (json: unknown) => AnyHistogram =
    type === "exponential_histogram" ? parseExponential : type === "summary" ? parseSummary : parseExplicit;
  const subtract = (later: AnyHistogram, earlier: AnyHistogram): AnyHistogram | null =>
    "scale" in later
      ? subtractExponential(later, earlier as ExponentialHistogram)
      : subtractExplicit(later, earlier as ExplicitHistogram);
  const out: SeriesValue<AnyHistogram>[] = [];
  for (const cumulative of [false, true]) {
    // Summaries have no temporality (0): they are cumulative by definition.
    const part = series.filter((s) => (s.aggregation_temporality !== DELTA) === cumulative);
    if (part.length === 0) continue;
    const rows = await readPoints(db, part, grid, cumulative);
    const points = rows
      .filter((row) => row.histogram !== null)
      .map((row) => ({
        series: row.series_id,
        start: BigInt(row.start_time_unix_nano),
        time: BigInt(row.time_unix_nano),
        value: parse(row.histogram),
      }));
    out.push(...(cumulative ? cumulativeIncreases(points, subtract, grid.fromNs) : points));
  }
  return out;
}
