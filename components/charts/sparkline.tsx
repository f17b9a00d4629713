"use client";

import { Area, AreaChart, YAxis } from "recharts";

interface SparklineProps<Point> {
  /** one value per step, oldest first */
  points: readonly Point[];
  /** which field of a point to draw (null values are gaps) */
  dataKey: keyof Point & string;
  /** a chartConfig colour */
  color: string;
  label: string;
  width?: number;
  height?: number;
}

/** A tiny trend without axes; the label carries what a screen reader needs. */
export function Sparkline<Point extends object>({
  points,
  dataKey,
  color,
  label,
  width = 96,
  height = 32,
}: SparklineProps<Point>) {
  return (
    <div role="img" aria-label={label} className="shrink-0">
      <AreaChart
        data={points as Point[]}
        width={width}
        height={height}
        margin={{ top: 2, right: 0, bottom: 2, left: 0 }}
        accessibilityLayer={false}
      >
        <YAxis hide domain={[0, "dataMax"]} />
        <Area
          dataKey={dataKey as string}
          type="monotone"
          stroke={color}
          fill={color}
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
