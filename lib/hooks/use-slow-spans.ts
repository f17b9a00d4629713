// useSlowSpans → GET /api/spans/slow → getSlowSpans → SlowSpanGroup.
import { useQuery } from "@tanstack/react-query";
import { type SlowSpansResponse, slowSpansResponseSchema } from "@/lib/contracts/slow-span-schemas";
import {
  type DashboardQueryOptions,
  dashboardQueryKey,
  dashboardQueryOptions,
} from "@/lib/hooks/dashboard-query";
import { fetchApi } from "@/lib/hooks/fetch-api";
import { resolveTimeRange, type TimeRange } from "@/lib/url-state/time-range";

export const SLOW_SPAN_GROUPS = 15;

/** Where `service`'s requests (or only `endpoint`'s) spend their time over `range`. */
export function useSlowSpans(
  target: { service: string; endpoint: string | null },
  range: TimeRange,
  options: DashboardQueryOptions,
) {
  const subject = JSON.stringify([target.service, target.endpoint]);
  return useQuery<SlowSpansResponse, Error>({
    queryKey: dashboardQueryKey("slow-spans", subject, range),
    queryFn: ({ signal }) =>
      fetchApi(
        "/api/spans/slow",
        {
          service: target.service,
          endpoint: target.endpoint,
          limit: SLOW_SPAN_GROUPS,
          ...resolveTimeRange(range, Date.now()),
        },
        slowSpansResponseSchema,
        signal,
      ),
    ...dashboardQueryOptions<SlowSpansResponse>(subject, options),
  });
}
