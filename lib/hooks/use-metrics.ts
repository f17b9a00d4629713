// useMetrics → GET /api/metrics → getMetricList → MetricSummary.
import { useQuery } from "@tanstack/react-query";
import { type MetricsResponse, metricsResponseSchema } from "@/lib/contracts/metric-schemas";
import {
  type DashboardQueryOptions,
  dashboardQueryKey,
  dashboardQueryOptions,
} from "@/lib/hooks/dashboard-query";
import { fetchApi } from "@/lib/hooks/fetch-api";
import { resolveTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/** The metrics with points in the window, of every service or only `service`'s. */
export function useMetrics(range: TimeRange, service: string | null, options: DashboardQueryOptions) {
  const subject = service ?? "*";
  return useQuery<MetricsResponse, Error>({
    queryKey: dashboardQueryKey("metrics", subject, range),
    queryFn: ({ signal }) =>
      fetchApi(
        "/api/metrics",
        { service, ...resolveTimeRange(range, Date.now()) },
        metricsResponseSchema,
        signal,
      ),
    ...dashboardQueryOptions<MetricsResponse>(subject, options),
  });
}
