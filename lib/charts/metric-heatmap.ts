// GET /api/metrics/query?heatmap=1's `heatmap` → cells for MetricHeatmap: one column per step, one
// row per bucket (lowest at the bottom), each cell's shade by its count on a square-root scale (a
// few slow requests stay visible beside thousands of fast ones); exemplars placed in their value's
// row. Pure.
import type { MetricQueryResponse } from "@/lib/contracts/metric-schemas";
import type { MetricExemplar } from "@/lib/metrics/metric-schemas";

export interface HeatmapCell {
  column: number;
  /** 0 = the lowest bucket */
  row: number;
  count: number;
  /** 0 < shade ≤ 1 */
  shade: number;
}

export interface HeatmapData {
  columns: number;
  rows: number;
  /** "≤ 0.005", "0.005–0.01", …, "> 10": bucket i's range, lowest first */
  rowLabels: string[];
  cells: HeatmapCell[];
  /** exemplars in the window: column and row are fractional (centre of a cell = .5) */
  exemplars: { exemplar: MetricExemplar; x: number; y: number }[];
  max: number;
}

export function toHeatmapData(
  response: MetricQueryResponse,
  format: (v: number) => string,
): HeatmapData | null {
  const heatmap = response.heatmap;
  if (!heatmap) return null;
  const columns = Math.ceil((response.to - response.from) / response.stepMs);
  const rows = heatmap.bounds.length + 1;
  let max = 0;
  for (const step of heatmap.counts) for (const c of step ?? []) max = Math.max(max, c);
  const cells: HeatmapCell[] = [];
  heatmap.counts.forEach((step, column) => {
    step?.forEach((count, row) => {
      if (count > 0 && max > 0) cells.push({ column, row, count, shade: Math.sqrt(count / max) });
    });
  });
  const { bounds } = heatmap;
  const rowLabels = Array.from({ length: rows }, (_, i) => {
    if (i === 0) return `≤ ${format(bounds[0] ?? 0)}`;
    if (i === bounds.length) return `> ${format(bounds[i - 1] as number)}`;
    return `${format(bounds[i - 1] as number)}–${format(bounds[i] as number)}`;
  });
  const exemplars = response.exemplars.flatMap((exemplar) => {
    if (exemplar.v === null || exemplar.t < response.from || exemplar.t >= response.to) return [];
    const x = (exemplar.t - response.from) / response.stepMs;
    const row = bounds.findIndex((b) => (exemplar.v as number) <= b);
    return [{ exemplar, x, y: (row === -1 ? bounds.length : row) + 0.5 }];
  });
  return { columns, rows, rowLabels, cells, exemplars, max };
}
