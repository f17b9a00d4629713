"use client";

import { useMemo } from "react";
import { type ChartSeries, TimeSeriesChart } from "@/components/charts/time-series-chart";
import { chartConfig } from "@/lib/charts/chart-config";
import { ratioAxis, type TrafficRow } from "@/lib/charts/endpoint-series";
import type { ChartMarker } from "@/lib/charts/version-markers";
import { formatPercent, formatRateIn, rateUnitFor } from "@/lib/format/metrics";

interface TrafficChartProps {
  rows: readonly TrafficRow[];
  bucketMs: number;
  syncId?: string;
  selectedT?: number | null;
  onSelectBucket?: (t: number) => void;
  height?: number;
  markers?: readonly ChartMarker[];
}

const rateSeries: ChartSeries<TrafficRow>[] = [{ key: "rate", config: chartConfig.rate, kind: "area" }];
const errorSeries: ChartSeries<TrafficRow>[] = [{ key: "errorRate", config: chartConfig.errorRate }];

/** Requests per second in each step, or per minute for a quiet endpoint (one unit per axis). */
export function RequestRateChart(props: TrafficChartProps) {
  const unit = useMemo(() => rateUnitFor(props.rows.map((row) => row.rate)), [props.rows]);
  return (
    <TimeSeriesChart
      {...props}
      series={rateSeries}
      formatValue={(perSecond) => formatRateIn(perSecond, unit)}
      description={`Requests per ${unit === "s" ? "second" : "minute"} per time step`}
    />
  );
}

/** Share of requests that failed in each step; a gap where there were no requests. */
export function ErrorRateChart(props: TrafficChartProps) {
  const axis = useMemo(() => ratioAxis(props.rows.map((row) => row.errorRate)), [props.rows]);
  return (
    <TimeSeriesChart
      {...props}
      series={errorSeries}
      formatValue={formatPercent}
      yDomain={[0, axis.max]}
      yTicks={axis.ticks}
      description="Share of failed requests per time step"
    />
  );
}
