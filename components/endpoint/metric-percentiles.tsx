"use client";

import { Stat } from "@/components/dashboard/dashboard-states";
import type { EndpointPanelProps } from "@/components/endpoint/endpoint-panel-props";
import { formatLatency } from "@/lib/format/metrics";
import { useMetricQuery } from "@/lib/hooks/use-metric-query";
import { useMetrics } from "@/lib/hooks/use-metrics";
import { durationMetricQuery, durationToMs } from "@/lib/metrics/endpoint-duration-metric";
import { resolveTimeRange } from "@/lib/url-state/time-range";

const MINUTE = 60_000;
const QUANTILES = ["p50", "p95", "p99"] as const;

/**
 * p50/p95/p99 over the range from the service's HTTP server duration histogram (when it sends
 * one), beside the trace-derived ones: correct even when traces are sampled. Renders nothing for
 * services that send no such metric.
 */
export function MetricPercentiles({ target, range, autoRefresh }: EndpointPanelProps) {
  const metrics = useMetrics(range, target.service, { autoRefresh });
  const query = durationMetricQuery(target.endpoint, metrics.data?.metrics.map((m) => m.name) ?? []);
  const { from, to } = resolveTimeRange(range, Date.now());
  // One step over the whole range (plus the minute alignment on both ends): one value per quantile.
  const stepMs = (Math.ceil((to - from) / MINUTE) + 2) * MINUTE;
  const state = {
    metric: query?.name ?? "",
    groupBy: [],
    filters: query?.filters ?? [],
    view: null,
    search: "",
  };
  const options = { autoRefresh, stepMs, enabled: query !== null };
  const results = [
    useMetricQuery({ ...state, stat: "p50" }, target.service, range, options),
    useMetricQuery({ ...state, stat: "p95" }, target.service, range, options),
    useMetricQuery({ ...state, stat: "p99" }, target.service, range, options),
  ];
  if (query === null) return null;
  const values = results.map((r) => {
    const v = r.data?.series[0]?.points.find((p) => p.v !== null)?.v ?? null;
    return v === null || r.data === undefined ? null : durationToMs(v, r.data.unit, query.name);
  });
  return (
    <section aria-label="Latency from metrics" className="flex flex-wrap items-end gap-x-8 gap-y-2 text-sm">
      <dl className="flex flex-wrap gap-x-8 gap-y-2">
        {QUANTILES.map((q, i) => (
          <Stat key={q} label={`${q} from metrics`} title={`From the ${query.name} histogram`}>
            {results[i]?.data ? formatLatency(values[i]) : "…"}
          </Stat>
        ))}
      </dl>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        From the <span className="font-mono">{query.name}</span> histogram: every request, even when traces
        are sampled.
      </p>
    </section>
  );
}
