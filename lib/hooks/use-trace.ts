// useTrace(source) → the source's compact trace (…?view=page&format=compact) → DecodedTrace (the
// JSON shape + timing). A source is where the spans come from: the dashboard's
// GET /api/traces/{traceId} (traceSource in lib/trace/trace-url.ts) or a public link's GET /api/share/{token}
// (sharedTraceSource); the trace page's components are the same for both.
// The page reads the compact shape (lib/contracts/compact-trace.ts): its envelope is checked
// with zod and its columns by the decoder; the per-span contract is held by the server's tests.
import { useQuery } from "@tanstack/react-query";
import {
  type CompactTrace,
  CompactTraceError,
  compactTraceSchema,
  type DecodedTrace,
  decodeCompactTrace,
} from "@/lib/contracts/compact-trace";
import { ApiError, fetchApi, retryTransient } from "@/lib/hooks/fetch-api";
import { type TraceSource, tracePageDataParams } from "@/lib/trace/trace-url";

// view=page: at most TRACE_PAGE_MAX_SPANS spans; the answer says how many it left out.
export async function fetchTrace(source: TraceSource, signal?: AbortSignal): Promise<DecodedTrace> {
  const compact = await fetchApi(
    source.path,
    tracePageDataParams,
    compactTraceSchema,
    signal,
    source.messages,
  );
  try {
    return decodeCompactTrace(compact as CompactTrace);
  } catch (error) {
    // Columns of the wrong type fail inside the decoder (e.g. BigInt of a non-number).
    const reason = error instanceof CompactTraceError ? error.message : String(error);
    throw new ApiError("invalid-response", `The server's trace answer is malformed: ${reason}.`);
  }
}

export function useTrace(source: TraceSource) {
  return useQuery<DecodedTrace, Error>({
    queryKey: source.key,
    queryFn: ({ signal }) => fetchTrace(source, signal),
    // Only failures a second try can fix; a 404 (spans still arriving) offers a manual retry.
    retry: retryTransient,
    // A trace can hold 100k spans: deep-comparing a refetch against the previous answer would
    // walk all of it again for little gain, so each answer simply replaces the last.
    structuralSharing: false,
  });
}
