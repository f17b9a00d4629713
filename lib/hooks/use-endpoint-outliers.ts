// useEndpointOutliers → GET /api/endpoints/outliers → getEndpointOutliers → OutlierAttribute.
import { useQuery } from "@tanstack/react-query";
import { type OutliersResponse, outliersResponseSchema } from "@/lib/contracts/outlier-schemas";
import {
  type DashboardQueryOptions,
  dashboardQueryKey,
  dashboardQueryOptions,
} from "@/lib/hooks/dashboard-query";
import { fetchApi } from "@/lib/hooks/fetch-api";
import type { EndpointTarget } from "@/lib/url-state/dashboard-url";
import { resolveTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/**
 * What an endpoint's slow requests (above its p95 in the range) have in common, most telling first;
 * with a `selection`, what the requests of that stretch of time have that the rest have not.
 */
export function useEndpointOutliers(
  target: EndpointTarget,
  range: TimeRange,
  selection: { from: number; to: number } | null,
  options: DashboardQueryOptions,
) {
  const subject = JSON.stringify([target.service, target.endpoint, selection?.from, selection?.to]);
  return useQuery<OutliersResponse, Error>({
    queryKey: dashboardQueryKey("endpoint-outliers", subject, range),
    queryFn: ({ signal }) =>
      fetchApi(
        "/api/endpoints/outliers",
        {
          service: target.service,
          endpoint: target.endpoint,
          ...resolveTimeRange(range, Date.now()),
          selectFrom: selection?.from,
          selectTo: selection?.to,
        },
        outliersResponseSchema,
        signal,
      ),
    ...dashboardQueryOptions<OutliersResponse>(subject, options),
  });
}
