"use client";

import { type ChartSeries, TimeSeriesChart } from "@/components/charts/time-series-chart";
import { chartConfig } from "@/lib/charts/chart-config";
import type { LatencyRow } from "@/lib/charts/endpoint-series";
import type { ChartMarker } from "@/lib/charts/version-markers";
import { formatLatency, formatLatencyTick } from "@/lib/format/metrics";

// With few requests per step p95 and p99 are often equal: p99, drawn last, is dashed so the p95
// line under it still shows through the gaps.
const series: ChartSeries<LatencyRow>[] = [
  { key: "p50", config: chartConfig.p50 },
  { key: "p95", config: chartConfig.p95 },
  { key: "p99", config: chartConfig.p99, dash: "6 4" },
];

interface LatencyChartProps {
  rows: readonly LatencyRow[];
  bucketMs: number;
  syncId?: string;
  selectedT?: number | null;
  onSelectBucket?: (t: number) => void;
  height?: number;
  markers?: readonly ChartMarker[];
  onSelectRange?: (from: number, to: number) => void;
  selectedRange?: { from: number; to: number } | null;
}

/** p50, p95 and p99 on one chart, so the spread between typical and worst requests shows. */
export function LatencyChart(props: LatencyChartProps) {
  return (
    <TimeSeriesChart
      {...props}
      series={series}
      formatValue={formatLatency}
      formatTick={formatLatencyTick}
      description="Latency percentiles (p50, p95, p99) per time step"
    />
  );
}
