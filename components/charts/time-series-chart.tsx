"use client";

import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  type DotItemDotProps,
  Line,
  type MouseHandlerDataParam,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  useActiveTooltipDataPoints,
  XAxis,
  YAxis,
} from "recharts";
import { ChartTooltip } from "@/components/charts/chart-tooltip";
import { chartChrome, type SeriesConfig } from "@/lib/charts/chart-config";
import { isolatedIndexes } from "@/lib/charts/endpoint-series";
import { formatTimeTick, timeTicks } from "@/lib/charts/time-axis";
import type { ChartMarker } from "@/lib/charts/version-markers";

export interface ChartSeries<Row> {
  key: keyof Row & string;
  config: SeriesConfig;
  /** "area" fills under the line: for volumes (request rate) rather than levels. */
  kind?: "line" | "area";
  /** a dash pattern, so a line drawn over an equal one leaves it visible through the gaps */
  dash?: string;
}

export interface TimeSeriesChartProps<Row extends { t: number }> {
  rows: readonly Row[];
  series: readonly ChartSeries<Row>[];
  /** the step of the rows, for tooltip titles ("10:42 – 10:43") */
  bucketMs: number;
  formatValue: (value: number) => string;
  /** y-axis labels; formatValue unless given */
  formatTick?: (value: number) => string;
  /** fixed y range (e.g. [0, 1] for ratios); otherwise from 0 to the data's maximum */
  yDomain?: [number, number];
  /** fixed y ticks; otherwise recharts picks round ones */
  yTicks?: number[];
  height?: number;
  /** charts sharing a syncId show their tooltips at the same time */
  syncId?: string;
  /** start of the picked bucket, marked with a vertical line */
  selectedT?: number | null;
  /** called with a bucket's start when it is clicked, or chosen with the keyboard and Enter */
  onSelectBucket?: (t: number) => void;
  /** what the chart shows, for screen readers */
  description: string;
  /** single measurements drawn as dots on the same axes, each a link (e.g. exemplars → traces) */
  linkedDots?: readonly LinkedDot[];
  /** events drawn as labelled vertical lines (e.g. a new service.version first seen) */
  markers?: readonly ChartMarker[];
  /** called with the steps dragged across (from the first's start to the last's end) */
  onSelectRange?: (from: number, to: number) => void;
  /** a chosen stretch of time, shaded */
  selectedRange?: { from: number; to: number } | null;
}

export interface LinkedDot {
  t: number;
  v: number;
  href: string;
  /** what the link opens, for screen readers */
  label: string;
  color: string;
}

/**
 * A time series on a local-time axis, one line (or area) per series, drawn in order (the last on
 * top). Straight segments: a smoothed curve would invent values between steps. Nulls stay gaps; a
 * value with gaps on both sides gets a dot, since a line cannot draw a single point. Pure: rows
 * in, SVG out.
 */
export function TimeSeriesChart<Row extends { t: number }>({
  rows,
  series,
  bucketMs,
  formatValue,
  formatTick = formatValue,
  yDomain,
  yTicks,
  height = 220,
  syncId,
  selectedT = null,
  onSelectBucket,
  description,
  linkedDots,
  markers,
  onSelectRange,
  selectedRange = null,
}: TimeSeriesChartProps<Row>) {
  const first = rows[0]?.t ?? 0;
  const last = rows.at(-1)?.t ?? first + bucketMs;
  const ticks = useMemo(() => timeTicks(first, last), [first, last]);
  const activeT = useRef<number | null>(null);
  // Charts sharing a syncId follow the pointer together (cursor line and dots), but only the chart
  // under the pointer (or with keyboard focus) shows the tooltip box: five boxes at once covered the
  // very lines at the minute being looked at. A ref, not state: entering a chart must not re-render
  // it (a re-render under the pointer would swallow a click on an exemplar dot).
  const pointerInside = useRef(false);

  const stepAt = useCallback(
    (state: MouseHandlerDataParam): number | null => {
      const raw = state.activeIndex ?? state.activeTooltipIndex;
      const index = raw === null || raw === undefined ? Number.NaN : Number(raw);
      return (Number.isInteger(index) ? rows[index]?.t : undefined) ?? null;
    },
    [rows],
  );
  // Dragging across steps chooses a stretch of time; a press and release on one step stays a click.
  // The step under the pointer follows mouse moves a frame late, so the drag starts at the first
  // step known while the button is down and ends at the last one a move with the button down saw.
  const pressed = useRef(false);
  const dragStart = useRef<number | null>(null);
  const dragEnd = useRef<number | null>(null);
  const dragged = useRef(false);
  const [draft, setDraft] = useState<{ from: number; to: number } | null>(null);
  const onMouseDown = (state: MouseHandlerDataParam) => {
    if (!onSelectRange) return;
    pressed.current = true;
    dragStart.current = stepAt(state);
    dragEnd.current = null;
  };
  const onMouseMove = (state: MouseHandlerDataParam) => {
    if (!pressed.current) return;
    const t = stepAt(state);
    if (t === null) return;
    dragStart.current ??= t;
    dragEnd.current = t;
    const start = dragStart.current;
    setDraft(t === start ? null : { from: Math.min(start, t), to: Math.max(start, t) });
  };
  const endDrag = () => {
    pressed.current = false;
    dragStart.current = null;
    dragEnd.current = null;
    setDraft(null);
  };
  // Only moves made with the button down count: a click whose press and release see different
  // steps (the step under the pointer catching up) is still a click.
  const onMouseUp = () => {
    const start = dragStart.current;
    const end = dragEnd.current;
    endDrag();
    if (!onSelectRange || start === null || end === null || end === start) return;
    dragged.current = true;
    onSelectRange(Math.min(start, end), Math.max(start, end) + bucketMs);
  };

  const onClick = useCallback(
    (state: MouseHandlerDataParam) => {
      if (dragged.current) {
        dragged.current = false;
        return;
      }
      if (!onSelectBucket) return;
      const t = stepAt(state);
      if (t !== null) onSelectBucket(t);
    },
    [stepAt, onSelectBucket],
  );

  // Recharts moves its tooltip with the arrow keys once the chart has focus; Enter then picks
  // that bucket, as a click would.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Enter" && onSelectBucket && activeT.current !== null) onSelectBucket(activeT.current);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: listens to keys bubbling from the focusable chart surface inside
    <div
      onKeyDown={onKeyDown}
      onMouseEnter={() => {
        pointerInside.current = true;
      }}
      onMouseLeave={() => {
        pointerInside.current = false;
        endDrag();
      }}
      onFocus={() => {
        pointerInside.current = true;
      }}
      onBlur={() => {
        pointerInside.current = false;
      }}
      className="select-none"
    >
      <ComposedChart
        data={rows as Row[]}
        responsive
        style={{ width: "100%", height }}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        syncId={syncId}
        cursor={onSelectBucket ? "pointer" : undefined}
        onClick={onClick}
        onMouseDown={onMouseDown}
        onMouseMove={onMouseMove}
        onMouseUp={onMouseUp}
        title={description}
        desc={
          onSelectBucket
            ? "Left and right arrow keys move between time steps; Enter lists the step's slowest requests."
            : undefined
        }
      >
        <CartesianGrid stroke={chartChrome.grid} vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={[first, last]}
          ticks={ticks}
          tickFormatter={(t: number) => formatTimeTick(t)}
          stroke={chartChrome.axis}
          tick={{ fill: chartChrome.axis, fontSize: 12 }}
          tickLine={false}
          minTickGap={16}
        />
        <YAxis
          domain={yDomain ?? [0, "auto"]}
          ticks={yTicks}
          tickFormatter={(value: number) => formatTick(value)}
          stroke={chartChrome.axis}
          tick={{ fill: chartChrome.axis, fontSize: 12 }}
          tickLine={false}
          axisLine={false}
          width="auto"
          allowDecimals
        />
        <Tooltip
          cursor={{ stroke: chartChrome.cursor, strokeWidth: 1 }}
          isAnimationActive={false}
          // Keep steps without data in the payload: the tooltip says "—" rather than vanishing.
          filterNull={false}
          content={(props) => (
            <ChartTooltip
              active={props.active && pointerInside.current}
              payload={props.payload}
              series={series}
              bucketMs={bucketMs}
              formatValue={formatValue}
              hint={onSelectBucket ? "Click for the slowest requests" : undefined}
            />
          )}
        />
        {selectedT !== null ? (
          <ReferenceLine x={selectedT} stroke={chartChrome.selection} strokeWidth={2} strokeDasharray="4 3" />
        ) : null}
        {(draft ?? selectedRange) ? (
          <ReferenceArea
            x1={(draft ?? selectedRange)?.from}
            x2={(draft ?? selectedRange)?.to}
            className="chart-selection"
            ifOverflow="hidden"
            fill={chartChrome.selection}
            fillOpacity={0.12}
            stroke="none"
          />
        ) : null}
        {(markers ?? []).map((marker) => (
          <ReferenceLine
            key={`${marker.t}/${marker.label}`}
            x={marker.t}
            className="chart-marker"
            stroke={chartChrome.axis}
            strokeDasharray="2 3"
            label={{ value: marker.label, position: "insideTopLeft", fill: chartChrome.axis, fontSize: 11 }}
          />
        ))}
        {series.map((s) => (s.kind === "area" ? <AreaSeries key={s.key} rows={rows} series={s} /> : null))}
        {series.map((s) => (s.kind !== "area" ? <LineSeries key={s.key} rows={rows} series={s} /> : null))}
        {linkedDots && linkedDots.length > 0 ? <LinkedDots dots={linkedDots} /> : null}
        <ActiveBucketReporter activeT={activeT} />
      </ComposedChart>
    </div>
  );
}

function useIsolatedDot<Row>(rows: readonly Row[], key: keyof Row & string, color: string) {
  return useMemo(() => {
    const isolated = isolatedIndexes(rows, (row) => {
      const value = row[key];
      return typeof value === "number" ? value : null;
    });
    return (props: DotItemDotProps) =>
      isolated.has(props.index) && props.cx !== undefined && props.cy !== undefined ? (
        <circle cx={props.cx} cy={props.cy} r={2.5} fill={color} stroke="none" />
      ) : null;
  }, [rows, key, color]);
}

function LineSeries<Row>({ rows, series }: { rows: readonly Row[]; series: ChartSeries<Row> }) {
  const dot = useIsolatedDot(rows, series.key, series.config.color);
  return (
    <Line
      dataKey={series.key as string}
      name={series.config.label}
      type="linear"
      stroke={series.config.color}
      strokeWidth={2}
      strokeDasharray={series.dash}
      dot={dot}
      activeDot={{ r: 3.5, strokeWidth: 0, fill: series.config.color }}
      connectNulls={false}
      isAnimationActive={false}
    />
  );
}

function AreaSeries<Row>({ rows, series }: { rows: readonly Row[]; series: ChartSeries<Row> }) {
  const dot = useIsolatedDot(rows, series.key, series.config.color);
  return (
    <Area
      dataKey={series.key as string}
      name={series.config.label}
      type="linear"
      stroke={series.config.color}
      fill={series.config.color}
      fillOpacity={0.15}
      strokeWidth={2}
      dot={dot}
      activeDot={{ r: 3.5, strokeWidth: 0, fill: series.config.color }}
      connectNulls={false}
      isAnimationActive={false}
    />
  );
}

/**
 * Dots without a line, each an SVG link: focusable, and it opens like any link. Drawn here, with
 * the Line this module already imports: a second module importing recharts' Line or Scatter broke
 * the Turbopack production chunk the endpoint page's Area charts use (Next 16.4, recharts 3.10).
 */
function LinkedDots({ dots }: { dots: readonly LinkedDot[] }) {
  return (
    <Line
      data={dots as LinkedDot[]}
      dataKey="v"
      name="linked"
      stroke="none"
      legendType="none"
      tooltipType="none"
      isAnimationActive={false}
      activeDot={false}
      dot={(props: DotItemDotProps) => {
        const dot = dots[props.index];
        if (!dot || props.cx === undefined || props.cy === undefined) return <g key={props.index} />;
        return (
          <a key={`${dot.href}/${props.index}`} href={dot.href} aria-label={dot.label}>
            <circle cx={props.cx} cy={props.cy} r={4} fill={dot.color} stroke="var(--background, #fff)" />
          </a>
        );
      }}
    />
  );
}

/** Keeps `activeT` on the bucket under the tooltip (mouse or keyboard), for Enter to pick. */
function ActiveBucketReporter({ activeT }: { activeT: { current: number | null } }) {
  const points = useActiveTooltipDataPoints<{ t: number }>();
  const t = points?.[0]?.t ?? null;
  useEffect(() => {
    activeT.current = t;
  }, [activeT, t]);
  return null;
}
