// useAttributeKeys → GET /api/traces/attribute-keys → getAttributeKeys: suggestions for attr filters.
import { useQuery } from "@tanstack/react-query";
import { type AttributeKeysResponse, attributeKeysResponseSchema } from "@/lib/contracts/trace-search-schema";
import { fetchApi, retryTransient } from "@/lib/hooks/fetch-api";
import { resolveTimeRange, type TimeRange, timeRangeKey } from "@/lib/url-state/time-range";

export function useAttributeKeys(range: TimeRange, service: string | null) {
  return useQuery<AttributeKeysResponse, Error>({
    queryKey: ["attribute-keys", service ?? "*", timeRangeKey(range)],
    queryFn: ({ signal }) =>
      fetchApi(
        "/api/traces/attribute-keys",
        { service, ...resolveTimeRange(range, Date.now()) },
        attributeKeysResponseSchema,
        signal,
      ),
    // Suggestions: a minute-old list is as good as a fresh one.
    staleTime: 60_000,
    retry: retryTransient,
  });
}
