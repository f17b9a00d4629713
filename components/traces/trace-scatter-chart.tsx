"use client";

import { CartesianGrid, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";
import { chartChrome, chartConfig } from "@/lib/charts/chart-config";
import { formatTimeTick, timeTicks } from "@/lib/charts/time-axis";
import type { TracePoint } from "@/lib/charts/trace-scatter";
import { formatDuration } from "@/lib/format/duration";
import { formatStartTime } from "@/lib/format/timestamp";
import type { Millis } from "@/lib/model/units";

interface TraceScatterChartProps {
  points: { ok: TracePoint[]; failed: TracePoint[] };
  window: { from: number; to: number };
  onOpen: (traceId: string) => void;
  height?: number;
}

/**
 * Each trace found, as a dot: when it started against how long it took, failed ones in the error
 * colour. Clicking a dot opens the trace (the table below lists the same traces for the keyboard).
 * Pure: points in, SVG out.
 */
export function TraceScatterChart({ points, window, onOpen, height = 240 }: TraceScatterChartProps) {
  const ticks = timeTicks(window.from, window.to);
  const open = (entry: unknown) => {
    const traceId = (entry as { payload?: TracePoint } | undefined)?.payload?.traceId;
    if (traceId) onOpen(traceId);
  };
  const count = points.ok.length + points.failed.length;
  return (
    <figure
      aria-label={`Duration over time of ${count} traces; ${points.failed.length} with errors`}
      className="m-0 w-full"
    >
      <div className="w-full select-none">
        <ScatterChart
          responsive
          style={{ width: "100%", height }}
          margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke={chartChrome.grid} strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="t"
            domain={[window.from, window.to]}
            ticks={ticks}
            tickFormatter={(t: number) => formatTimeTick(t)}
            stroke={chartChrome.axis}
            fontSize={11}
          />
          <YAxis
            type="number"
            dataKey="durationMs"
            tickFormatter={(ms: number) => formatDuration(ms as Millis)}
            stroke={chartChrome.axis}
            fontSize={11}
            width={56}
          />
          <ZAxis range={[28, 28]} />
          <Tooltip
            cursor={{ stroke: chartChrome.cursor }}
            content={<PointTooltip />}
            isAnimationActive={false}
          />
          <Scatter
            name="Traces"
            data={points.ok}
            fill={chartConfig.rate.color}
            onClick={open}
            className="cursor-pointer"
            isAnimationActive={false}
          />
          <Scatter
            name="Traces with errors"
            data={points.failed}
            fill={chartConfig.errorRate.color}
            onClick={open}
            className="cursor-pointer"
            isAnimationActive={false}
          />
        </ScatterChart>
      </div>
    </figure>
  );
}

function PointTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}) {
  const point = payload?.[0]?.payload as TracePoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="max-w-72 rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <p className="font-medium break-words text-zinc-900 dark:text-zinc-100">{point.label}</p>
      <p className="tabular-nums text-zinc-600 dark:text-zinc-400">
        {formatDuration(point.durationMs as Millis)} · {point.spanCount} spans
        {point.errorCount > 0 ? ` · ${point.errorCount} errors` : ""}
      </p>
      <p className="text-zinc-500 dark:text-zinc-400">
        {formatStartTime(point.startTimeUnixNano)} · click to open
      </p>
    </div>
  );
}
