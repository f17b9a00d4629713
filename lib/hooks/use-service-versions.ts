// useServiceVersions → GET /api/services/versions → getServiceVersions → ServiceVersion.
import { useQuery } from "@tanstack/react-query";
import { type ServiceVersionsResponse, serviceVersionsResponseSchema } from "@/lib/contracts/version-schemas";
import {
  type DashboardQueryOptions,
  dashboardQueryKey,
  dashboardQueryOptions,
} from "@/lib/hooks/dashboard-query";
import { fetchApi } from "@/lib/hooks/fetch-api";
import { resolveTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/** The service.versions a service ran in the range, first seen first (null service: nothing asked). */
export function useServiceVersions(service: string | null, range: TimeRange, options: DashboardQueryOptions) {
  const subject = JSON.stringify([service]);
  return useQuery<ServiceVersionsResponse, Error>({
    queryKey: dashboardQueryKey("service-versions", subject, range),
    queryFn: ({ signal }) =>
      fetchApi(
        "/api/services/versions",
        { service, ...resolveTimeRange(range, Date.now()) },
        serviceVersionsResponseSchema,
        signal,
      ),
    enabled: service !== null,
    ...dashboardQueryOptions<ServiceVersionsResponse>(subject, options),
  });
}
