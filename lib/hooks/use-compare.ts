// useCompare → GET /api/compare → getVersionComparison → CompareResponse.
import { useQuery } from "@tanstack/react-query";
import { type CompareResponse, compareResponseSchema } from "@/lib/contracts/compare-schemas";
import {
  type DashboardQueryOptions,
  dashboardQueryKey,
  dashboardQueryOptions,
} from "@/lib/hooks/dashboard-query";
import { fetchApi } from "@/lib/hooks/fetch-api";
import { resolveTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/** A service's endpoints on two sides (versions or time ranges); null sides: newest version against the one before. */
export function useCompare(
  query: { service: string; baseline: string | null; candidate: string | null },
  range: TimeRange,
  options: DashboardQueryOptions,
) {
  const subject = JSON.stringify([query.service, query.baseline, query.candidate]);
  return useQuery<CompareResponse, Error>({
    queryKey: dashboardQueryKey("compare", subject, range),
    queryFn: ({ signal }) =>
      fetchApi(
        "/api/compare",
        { ...query, ...resolveTimeRange(range, Date.now()) },
        compareResponseSchema,
        signal,
      ),
    ...dashboardQueryOptions<CompareResponse>(subject, options),
  });
}
