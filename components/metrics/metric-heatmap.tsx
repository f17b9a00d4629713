"use client";

import { useMemo } from "react";
import { toHeatmapData } from "@/lib/charts/metric-heatmap";
import { formatTimeTick } from "@/lib/charts/time-axis";
import type { MetricQueryResponse } from "@/lib/contracts/metric-schemas";
import { traceHref } from "@/lib/trace/trace-url";

const HEIGHT = 300;

/**
 * A histogram's buckets over time: a column per step, a row per bucket (in order, not to scale),
 * shaded by count; exemplar dots in their value's row, each a link to its trace. Pure: the query's
 * answer in, SVG and links out.
 */
export function MetricHeatmap({
  data,
  format,
}: {
  data: MetricQueryResponse;
  format: (v: number) => string;
}) {
  const map = useMemo(() => toHeatmapData(data, format), [data, format]);
  if (map === null) {
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">No measurements in this time range.</p>;
  }
  const labelEvery = Math.max(1, Math.ceil(map.rows / 8));
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex min-w-0 gap-2">
        <ol
          aria-label="Buckets"
          className="relative w-28 shrink-0 text-right text-[11px] text-zinc-500 dark:text-zinc-400"
          style={{ height: HEIGHT }}
        >
          {map.rowLabels.map((label, row) =>
            row % labelEvery === 0 || row === map.rows - 1 ? (
              <li
                key={label}
                className="absolute right-0 -translate-y-1/2 whitespace-nowrap"
                style={{ top: `${100 - ((row + 0.5) / map.rows) * 100}%` }}
              >
                {label}
              </li>
            ) : null,
          )}
        </ol>
        <div className="relative min-w-0 flex-1" style={{ height: HEIGHT }}>
          <svg
            role="img"
            aria-label={`Heatmap of ${data.name}: ${map.rows} buckets over ${map.columns} steps, up to ${map.max} measurements in a cell`}
            viewBox={`0 0 ${map.columns} ${map.rows}`}
            preserveAspectRatio="none"
            className="absolute inset-0 h-full w-full rounded-sm bg-zinc-50 dark:bg-zinc-900"
          >
            {map.cells.map((cell) => (
              <rect
                key={`${cell.column}/${cell.row}`}
                data-count={cell.count}
                x={cell.column}
                y={map.rows - cell.row - 1}
                width={1}
                height={1}
                fill="var(--chart-p95)"
                fillOpacity={0.12 + 0.88 * cell.shade}
              >
                <title>{`${formatTimeTick(data.from + cell.column * data.stepMs)} · ${map.rowLabels[cell.row]}: ${cell.count}`}</title>
              </rect>
            ))}
          </svg>
          {map.exemplars.map(({ exemplar, x, y }) => (
            <a
              key={`${exemplar.traceId}/${exemplar.spanId}/${exemplar.t}`}
              href={traceHref(exemplar.traceId, exemplar.spanId)}
              className="absolute size-2.5 -translate-x-1/2 -translate-y-1/2 rounded-full border border-white focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-zinc-900"
              style={{
                left: `${(x / map.columns) * 100}%`,
                top: `${100 - (y / map.rows) * 100}%`,
                background: "var(--chart-error)",
              }}
            >
              <span className="sr-only">{`Exemplar ${format(exemplar.v ?? 0)}: open trace ${exemplar.traceId}`}</span>
            </a>
          ))}
        </div>
      </div>
      <div className="ml-30 flex justify-between text-[11px] text-zinc-500 dark:text-zinc-400">
        <span>{formatTimeTick(data.from)}</span>
        <span>{formatTimeTick(data.to)}</span>
      </div>
    </div>
  );
}
