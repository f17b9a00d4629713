// useInsights → GET /api/insights → getInsights → Insight.
import { useQuery } from "@tanstack/react-query";
import { type InsightsResponse, insightsResponseSchema } from "@/lib/contracts/insight-schemas";
import {
  type DashboardQueryOptions,
  dashboardQueryKey,
  dashboardQueryOptions,
} from "@/lib/hooks/dashboard-query";
import { fetchApi } from "@/lib/hooks/fetch-api";
import { resolveTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/** What the detectors found for every service, one `service`, or one endpoint, most time to save first. */
export function useInsights(
  target: { service: string | null; endpoint: string | null },
  range: TimeRange,
  options: DashboardQueryOptions,
) {
  const subject = JSON.stringify([target.service, target.endpoint]);
  return useQuery<InsightsResponse, Error>({
    queryKey: dashboardQueryKey("insights", subject, range),
    queryFn: ({ signal }) =>
      fetchApi(
        "/api/insights",
        { service: target.service, endpoint: target.endpoint, ...resolveTimeRange(range, Date.now()) },
        insightsResponseSchema,
        signal,
      ),
    ...dashboardQueryOptions<InsightsResponse>(subject, options),
  });
}
