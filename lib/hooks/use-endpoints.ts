// useEndpoints → GET /api/endpoints → getEndpointSummaries → EndpointSummary.
import { useQuery } from "@tanstack/react-query";
import { type EndpointsResponse, endpointsResponseSchema } from "@/lib/contracts/endpoint-schemas";
import {
  type DashboardQueryOptions,
  dashboardQueryKey,
  dashboardQueryOptions,
} from "@/lib/hooks/dashboard-query";
import { fetchApi } from "@/lib/hooks/fetch-api";
import { resolveTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/** Every endpoint in the window, or only `service`'s. */
export function useEndpoints(range: TimeRange, service: string | null, options: DashboardQueryOptions) {
  const subject = service ?? "*";
  return useQuery<EndpointsResponse, Error>({
    queryKey: dashboardQueryKey("endpoints", subject, range),
    queryFn: ({ signal }) =>
      fetchApi(
        "/api/endpoints",
        { service, ...resolveTimeRange(range, Date.now()) },
        endpointsResponseSchema,
        signal,
      ),
    ...dashboardQueryOptions<EndpointsResponse>(subject, options),
  });
}
