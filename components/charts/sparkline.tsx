"use client";

import { Area, AreaChart, YAxis } from "recharts";
import { chartConfig } from "@/lib/charts/chart-config";

interface SparklineProps {
  /** requests per step, oldest first */
  points: readonly { t: number; count: number }[];
  label: string;
  width?: number;
  height?: number;
}

/** A tiny request-count trend without axes; the label carries what a screen reader needs. */
export function Sparkline({ points, label, width = 140, height = 36 }: SparklineProps) {
  return (
    <div role="img" aria-label={label} className="shrink-0">
      <AreaChart
        data={points as { t: number; count: number }[]}
        width={width}
        height={height}
        margin={{ top: 2, right: 0, bottom: 2, left: 0 }}
        accessibilityLayer={false}
      >
        <YAxis hide domain={[0, "dataMax"]} />
        <Area
          dataKey="count"
          type="monotone"
          stroke={chartConfig.rate.color}
          fill={chartConfig.rate.color}
          fillOpacity={0.2}
          strokeWidth={1.5}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
      </AreaChart>
    </div>
  );
}
