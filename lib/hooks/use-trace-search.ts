// useTraceSearch → GET /api/traces → getTraceSummaries → TraceSummary, page by page.
// A relative range ("last hour") is resolved once, on the first page: later pages follow the
// cursor over the same window, so "Load more" never repeats or skips a trace.
import { type InfiniteData, useInfiniteQuery } from "@tanstack/react-query";
import { type TraceSearchResponse, traceSearchResponseSchema } from "@/lib/contracts/trace-search-schema";
import { fetchApi, retryTransient } from "@/lib/hooks/fetch-api";
import { resolveTimeRange, type TimeRange, timeRangeKey } from "@/lib/url-state/time-range";
import { filterParams, type TraceSearchFilters } from "@/lib/url-state/trace-search-url";

export const SEARCH_PAGE_SIZE = 100;

export interface TraceSearchPage extends TraceSearchResponse {
  window: { from: number; to: number };
}

type PageParam = { cursor: string; window: { from: number; to: number } } | null;

export function useTraceSearch(filters: TraceSearchFilters, range: TimeRange) {
  const query = filterParams(filters).toString();
  return useInfiniteQuery<
    TraceSearchPage,
    Error,
    InfiniteData<TraceSearchPage, PageParam>,
    readonly unknown[],
    PageParam
  >({
    queryKey: ["trace-search", query, timeRangeKey(range)],
    initialPageParam: null,
    queryFn: async ({ pageParam, signal }) => {
      const window = pageParam?.window ?? resolveTimeRange(range, Date.now());
      const params = new URLSearchParams(query);
      params.set("from", String(window.from));
      params.set("to", String(window.to));
      params.set("limit", String(SEARCH_PAGE_SIZE));
      if (pageParam) params.set("cursor", pageParam.cursor);
      const page = await fetchApi(`/api/traces?${params}`, {}, traceSearchResponseSchema, signal);
      return { ...page, window };
    },
    getNextPageParam: (last) => (last.nextCursor ? { cursor: last.nextCursor, window: last.window } : null),
    retry: retryTransient,
  });
}
