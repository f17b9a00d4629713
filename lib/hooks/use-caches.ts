// useCaches → GET /api/caches → CachesResponse (CacheEndpoint ranked by misses, CacheSpan).
import { useQuery } from "@tanstack/react-query";
import { type CachesResponse, cachesResponseSchema } from "@/lib/contracts/endpoint-schemas";
import {
  type DashboardQueryOptions,
  dashboardQueryKey,
  dashboardQueryOptions,
} from "@/lib/hooks/dashboard-query";
import { fetchApi } from "@/lib/hooks/fetch-api";
import { resolveTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/** Cache misses per endpoint and the cache spans involved, for every service or only `service`. */
export function useCaches(range: TimeRange, service: string | null, options: DashboardQueryOptions) {
  const subject = service ?? "*";
  return useQuery<CachesResponse, Error>({
    queryKey: dashboardQueryKey("caches", subject, range),
    queryFn: ({ signal }) =>
      fetchApi(
        "/api/caches",
        { service, ...resolveTimeRange(range, Date.now()) },
        cachesResponseSchema,
        signal,
      ),
    ...dashboardQueryOptions<CachesResponse>(subject, options),
  });
}
