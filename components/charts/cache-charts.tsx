"use client";

import { type ChartSeries, TimeSeriesChart } from "@/components/charts/time-series-chart";
import { chartConfig } from "@/lib/charts/chart-config";
import type { CacheRow } from "@/lib/charts/endpoint-series";
import { formatLatency, formatLatencyTick, formatPercent } from "@/lib/format/metrics";

interface CacheChartProps {
  rows: readonly CacheRow[];
  bucketMs: number;
  syncId?: string;
  selectedT?: number | null;
  onSelectBucket?: (t: number) => void;
  height?: number;
}

const hitRatioSeries: ChartSeries<CacheRow>[] = [{ key: "hitRatio", config: chartConfig.hitRatio }];
const missCostSeries: ChartSeries<CacheRow>[] = [
  { key: "missP95", config: chartConfig.missP95 },
  { key: "hitP95", config: chartConfig.hitP95 },
];

/** Cache hits / lookups per step, on a fixed 0–100% scale so a dip is never exaggerated. */
export function CacheHitRatioChart(props: CacheChartProps) {
  return (
    <TimeSeriesChart
      {...props}
      series={hitRatioSeries}
      formatValue={formatPercent}
      yDomain={[0, 1]}
      yTicks={[0, 0.25, 0.5, 0.75, 1]}
      description="Cache hit ratio per time step"
    />
  );
}

/** p95 of requests that missed the cache at least once against those whose lookups all hit. */
export function CacheMissCostChart(props: CacheChartProps) {
  return (
    <TimeSeriesChart
      {...props}
      series={missCostSeries}
      formatValue={formatLatency}
      formatTick={formatLatencyTick}
      description="p95 latency of requests that missed the cache and of requests that only hit it"
    />
  );
}
