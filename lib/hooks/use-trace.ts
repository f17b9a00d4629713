// useTrace → GET /api/traces/{traceId} → TraceResponse, validated with the shared schema.
import { useQuery } from "@tanstack/react-query";
import { type TraceResponse, traceResponseSchema } from "@/lib/contracts/trace-schema";
import { fetchApi, retryTransient } from "@/lib/hooks/fetch-api";

export const traceQueryKey = (traceId: string) => ["trace", traceId] as const;

// view=page: at most TRACE_PAGE_MAX_SPANS spans; the answer says how many it left out.
export function fetchTrace(traceId: string, signal?: AbortSignal): Promise<TraceResponse> {
  return fetchApi(
    `/api/traces/${encodeURIComponent(traceId)}`,
    { view: "page" },
    traceResponseSchema,
    signal,
    {
      notFound: "No spans with this trace id yet.",
      badRequest: "This is not a valid trace id.",
    },
  );
}

export function useTrace(traceId: string) {
  return useQuery<TraceResponse, Error>({
    queryKey: traceQueryKey(traceId),
    queryFn: ({ signal }) => fetchTrace(traceId, signal),
    // Only failures a second try can fix; a 404 (spans still arriving) offers a manual retry.
    retry: retryTransient,
    // A trace can hold 100k spans: deep-comparing a refetch against the previous answer would
    // walk all of it again for little gain, so each answer simply replaces the last.
    structuralSharing: false,
  });
}
