// useMetricQuery → GET /api/metrics/query → getMetricQuery → MetricSeries.
import { useQuery } from "@tanstack/react-query";
import { type MetricQueryResponse, metricQueryResponseSchema } from "@/lib/contracts/metric-schemas";
import {
  type DashboardQueryOptions,
  dashboardQueryKey,
  dashboardQueryOptions,
} from "@/lib/hooks/dashboard-query";
import { fetchApi } from "@/lib/hooks/fetch-api";
import { type MetricsQueryState, metricQueryParams } from "@/lib/url-state/metrics-url";
import { resolveTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/**
 * One metric's chart data; the server picks the step (60–300 points) unless `stepMs` is given.
 * Filters repeat a parameter, so the query string is built here rather than by fetchApi.
 */
export function useMetricQuery(
  state: MetricsQueryState & { metric: string },
  service: string | null,
  range: TimeRange,
  options: DashboardQueryOptions & { stepMs?: number; enabled?: boolean },
) {
  const subject = JSON.stringify([
    state.metric,
    state.stat,
    state.groupBy,
    state.filters,
    state.view,
    service,
    options.stepMs,
  ]);
  return useQuery<MetricQueryResponse, Error>({
    queryKey: dashboardQueryKey("metric-query", subject, range),
    queryFn: ({ signal }) => {
      const window = resolveTimeRange(range, Date.now());
      const params = metricQueryParams(state, service, window);
      if (options.stepMs) params.set("step", String(options.stepMs));
      return fetchApi(`/api/metrics/query?${params}`, {}, metricQueryResponseSchema, signal);
    },
    enabled: options.enabled ?? true,
    ...dashboardQueryOptions<MetricQueryResponse>(subject, options),
  });
}
