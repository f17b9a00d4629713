// useServices → GET /api/services → getServiceSummaries → ServiceSummary.
import { useQuery } from "@tanstack/react-query";
import { type ServicesResponse, servicesResponseSchema } from "@/lib/contracts/endpoint-schemas";
import {
  type DashboardQueryOptions,
  dashboardQueryKey,
  dashboardQueryOptions,
} from "@/lib/hooks/dashboard-query";
import { fetchApi } from "@/lib/hooks/fetch-api";
import { resolveTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/** `enabled: false` until the list is needed (the endpoint page asks only for an unknown service). */
export function useServices(range: TimeRange, options: DashboardQueryOptions, enabled = true) {
  return useQuery<ServicesResponse, Error>({
    queryKey: dashboardQueryKey("services", "*", range),
    // "now" is read at fetch time, so each refresh of a relative range moves the window along.
    queryFn: ({ signal }) =>
      fetchApi("/api/services", resolveTimeRange(range, Date.now()), servicesResponseSchema, signal),
    ...dashboardQueryOptions<ServicesResponse>("*", options),
    enabled,
  });
}
