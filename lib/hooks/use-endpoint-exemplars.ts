// useEndpointExemplars → GET /api/endpoints/exemplars → getEndpointExemplars → Exemplar.
import { useQuery } from "@tanstack/react-query";
import { type ExemplarsResponse, exemplarsResponseSchema } from "@/lib/contracts/endpoint-schemas";
import {
  type DashboardQueryOptions,
  dashboardQueryKey,
  dashboardQueryOptions,
} from "@/lib/hooks/dashboard-query";
import { fetchApi } from "@/lib/hooks/fetch-api";
import type { EndpointTarget } from "@/lib/url-state/dashboard-url";
import { resolveTimeRange, type TimeRange } from "@/lib/url-state/time-range";

export const EXEMPLAR_LIMIT = 10;

/**
 * The slowest requests of an endpoint over `range`: the whole chart window, or one picked
 * bucket (an absolute range of one step).
 */
export function useEndpointExemplars(
  target: EndpointTarget,
  range: TimeRange,
  options: DashboardQueryOptions,
  /** failed requests only, newest first */
  errorsOnly = false,
) {
  const subject = JSON.stringify([target.service, target.endpoint, errorsOnly]);
  return useQuery<ExemplarsResponse, Error>({
    queryKey: dashboardQueryKey("endpoint-exemplars", subject, range),
    queryFn: ({ signal }) =>
      fetchApi(
        "/api/endpoints/exemplars",
        {
          service: target.service,
          endpoint: target.endpoint,
          limit: EXEMPLAR_LIMIT,
          ...(errorsOnly ? { errors: 1 } : {}),
          ...resolveTimeRange(range, Date.now()),
        },
        exemplarsResponseSchema,
        signal,
      ),
    ...dashboardQueryOptions<ExemplarsResponse>(subject, options),
  });
}
