// useEndpointTimeseries → GET /api/endpoints/timeseries → getEndpointTimeseries → LatencyPoint.
import { useQuery } from "@tanstack/react-query";
import { type TimeseriesResponse, timeseriesResponseSchema } from "@/lib/contracts/endpoint-schemas";
import {
  type DashboardQueryOptions,
  dashboardQueryKey,
  dashboardQueryOptions,
} from "@/lib/hooks/dashboard-query";
import { fetchApi } from "@/lib/hooks/fetch-api";
import type { EndpointTarget } from "@/lib/url-state/dashboard-url";
import { resolveTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/** One endpoint's latency, traffic and cache series; the server picks the step (60–300 points). */
export function useEndpointTimeseries(
  target: EndpointTarget,
  range: TimeRange,
  options: DashboardQueryOptions,
) {
  const subject = JSON.stringify([target.service, target.endpoint]);
  return useQuery<TimeseriesResponse, Error>({
    queryKey: dashboardQueryKey("endpoint-timeseries", subject, range),
    queryFn: ({ signal }) =>
      fetchApi(
        "/api/endpoints/timeseries",
        { service: target.service, endpoint: target.endpoint, ...resolveTimeRange(range, Date.now()) },
        timeseriesResponseSchema,
        signal,
      ),
    ...dashboardQueryOptions<TimeseriesResponse>(subject, options),
  });
}
