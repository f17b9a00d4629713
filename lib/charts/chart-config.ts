// One place for every chart series' label and colour. Colours are CSS variables defined in
// app/globals.css, with dark-mode values, so charts follow the theme without re-rendering.

export interface SeriesConfig {
  label: string;
  color: string;
}

export const chartConfig = {
  p50: { label: "p50", color: "var(--chart-p50)" },
  p95: { label: "p95", color: "var(--chart-p95)" },
  p99: { label: "p99", color: "var(--chart-p99)" },
  rate: { label: "Requests", color: "var(--chart-rate)" },
  errorRate: { label: "Error rate", color: "var(--chart-error)" },
  hitRatio: { label: "Hit ratio", color: "var(--chart-hit)" },
  missP95: { label: "p95, requests that missed", color: "var(--chart-miss)" },
  hitP95: { label: "p95, requests that only hit", color: "var(--chart-hit)" },
} as const satisfies Record<string, SeriesConfig>;

export type SeriesKey = keyof typeof chartConfig;

/** Axis, grid and cursor colours, also theme-aware. */
export const chartChrome = {
  grid: "var(--chart-grid)",
  axis: "var(--chart-axis)",
  cursor: "var(--chart-cursor)",
  selection: "var(--chart-selection)",
} as const;
