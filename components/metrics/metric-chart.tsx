"use client";

import Link from "next/link";
import { useCallback, useMemo } from "react";
import { ChartLegend } from "@/components/charts/chart-legend";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { MetricHeatmap } from "@/components/metrics/metric-heatmap";
import { formatBucketBound, formatMetricValue, toMetricChartData } from "@/lib/charts/metric-series";
import { formatTimeTick } from "@/lib/charts/time-axis";
import type { MetricQueryResponse } from "@/lib/contracts/metric-schemas";
import { traceHref } from "@/lib/trace/trace-url";

const EXEMPLAR_COLOR = "var(--chart-error)";
const LISTED_EXEMPLARS = 8;

/**
 * The chart of one metric query: a line per group, or (heatmap=1) the histogram's buckets per step;
 * on histograms, exemplar dots that open their traces.
 */
export function MetricChart({ data }: { data: MetricQueryResponse }) {
  const chart = useMemo(() => toMetricChartData(data), [data]);
  const format = useCallback(
    (value: number) =>
      data.heatmap !== undefined
        ? formatBucketBound(value, data.unit)
        : formatMetricValue(value, data.unit, data.stat),
    [data.unit, data.stat, data.heatmap],
  );
  const latest = data.exemplars.slice(-LISTED_EXEMPLARS).reverse();
  const heatmap = data.heatmap !== undefined;
  return (
    <div className="flex min-w-0 flex-col gap-3">
      {!heatmap && chart.series.length > 1 ? <ChartLegend items={chart.series.map((s) => s.config)} /> : null}
      {heatmap ? (
        <MetricHeatmap data={data} format={format} />
      ) : (
        <TimeSeriesChart
          rows={chart.rows}
          series={chart.series}
          bucketMs={data.stepMs}
          formatValue={format}
          height={300}
          description={`${data.name}, ${data.stat} per step`}
          linkedDots={chart.exemplars.flatMap((e) =>
            e.v === null
              ? []
              : [
                  {
                    t: e.t,
                    v: e.v,
                    href: traceHref(e.traceId, e.spanId),
                    label: `Exemplar ${format(e.v)}: open trace ${e.traceId}`,
                    color: EXEMPLAR_COLOR,
                  },
                ],
          )}
        />
      )}
      {!heatmap && chart.hidden > 0 ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {chart.hidden} smaller groups are not drawn: add a filter to see them.
        </p>
      ) : null}
      {latest.length > 0 ? (
        <div className="text-sm">
          <h3 className="mb-1 text-xs font-semibold text-zinc-700 dark:text-zinc-300">
            Exemplars: measurements with their traces
            {heatmap || chart.exemplars.length > 0 ? " (red dots on the chart)" : ""}
          </h3>
          <ul className="flex flex-col gap-0.5">
            {latest.map((e) => (
              <li key={`${e.traceId}/${e.spanId}/${e.t}`}>
                <Link
                  href={traceHref(e.traceId, e.spanId)}
                  className="font-mono text-xs text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400"
                >
                  {formatTimeTick(e.t)} · {e.v === null ? "—" : format(e.v)} · trace {e.traceId.slice(0, 12)}…
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
