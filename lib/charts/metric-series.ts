// GET /api/metrics/query's answer → rows for TimeSeriesChart: one column per group (s0, s1, …),
// labelled by its attribute values, coloured from a fixed palette; the exemplars as dots. Pure.

import type { SeriesConfig } from "@/lib/charts/chart-config";
import type { MetricQueryResponse } from "@/lib/contracts/metric-schemas";
import type { MetricExemplar } from "@/lib/metrics/metric-schemas";

/** Groups drawn at most; the rest are named in a note (the biggest ones are kept). */
export const MAX_CHART_SERIES = 12;

const PALETTE = [
  "var(--chart-p50)",
  "var(--chart-p95)",
  "var(--chart-p99)",
  "var(--chart-rate)",
  "var(--chart-error)",
  "var(--chart-hit)",
  "#a855f7",
  "#14b8a6",
  "#f97316",
  "#64748b",
  "#ec4899",
  "#84cc16",
];

export type MetricRow = { t: number } & Record<string, number | null>;

export interface MetricChartData {
  rows: MetricRow[];
  series: { key: string; config: SeriesConfig }[];
  /** groups left out of the chart */
  hidden: number;
  /** exemplars to draw, when their values share the chart's axis (histograms) */
  exemplars: MetricExemplar[];
}

/** "http.route=/orders, service.name=checkout"; the metric's name for the single ungrouped series. */
export function seriesLabel(labels: Record<string, string>, fallback: string): string {
  const entries = Object.entries(labels);
  return entries.length === 0
    ? fallback
    : entries.map(([k, v]) => `${k}=${v === "" ? "(none)" : v}`).join(", ");
}

export function toMetricChartData(response: MetricQueryResponse): MetricChartData {
  const peak = (points: { v: number | null }[]) => Math.max(0, ...points.map((p) => Math.abs(p.v ?? 0)));
  const shown = response.series
    .map((series, index) => ({ series, index, peak: peak(series.points) }))
    .sort((a, b) => b.peak - a.peak || a.index - b.index)
    .slice(0, MAX_CHART_SERIES)
    .sort((a, b) => a.index - b.index);
  const slots = Math.ceil((response.to - response.from) / response.stepMs);
  const rows: MetricRow[] = Array.from({ length: slots }, (_, i) => ({
    t: response.from + i * response.stepMs,
  }));
  shown.forEach(({ series }, column) => {
    const key = `s${column}`;
    for (const row of rows) row[key] = null;
    for (const point of series.points) {
      const row = rows[Math.round((point.t - response.from) / response.stepMs)];
      if (row) row[key] = point.v;
    }
  });
  const histogram = response.type === "histogram" || response.type === "exponential_histogram";
  const quantile = /^p\d\d$/.test(response.stat);
  return {
    rows,
    series: shown.map(({ series }, column) => ({
      key: `s${column}`,
      config: {
        label: seriesLabel(series.labels, response.name),
        color: PALETTE[column % PALETTE.length] as string,
      },
    })),
    hidden: response.series.length - shown.length,
    // An exemplar is one measurement: on the axis of a latency percentile or average it means
    // something; on a count or a rate it does not.
    exemplars: histogram && (quantile || response.stat === "avg") ? response.exemplars : [],
  };
}

/** The unit as people read it: UCUM annotations like "{request}" dropped, "1" meaning none. */
export function displayUnit(unit: string | null): string {
  if (unit === null || unit === "1") return "";
  return unit.replace(/\{[^}]*\}/g, "").trim();
}

export function formatMetricValue(value: number, unit: string | null, stat: string): string {
  const shown =
    Math.abs(value) >= 1000 || (value !== 0 && Math.abs(value) < 0.01)
      ? value.toPrecision(3)
      : Number(value.toFixed(2)).toString();
  const u = stat === "count" ? "" : displayUnit(unit);
  const perSecond = stat === "rate" ? "/s" : "";
  return `${shown}${u ? ` ${u}` : ""}${perSecond}`;
}

/** A bucket bound: at most 3 significant digits, thousands grouped ("1,000 ms", "0.005 s"). */
export function formatBucketBound(value: number, unit: string | null): string {
  const u = displayUnit(unit);
  return `${Number(value.toPrecision(3)).toLocaleString("en-US", { maximumFractionDigits: 20 })}${u ? ` ${u}` : ""}`;
}
