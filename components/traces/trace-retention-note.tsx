import type { ApiError } from "@/lib/hooks/fetch-api";

/**
 * Under "Trace not found": the other reason, with the retention window the API states
 * (SPAN_RETENTION) — Tracewell cannot tell a trace that expired from one that never arrived.
 */
export function TraceRetentionNote({ error }: { error: ApiError | Error }) {
  const window = /\(SPAN_RETENTION, ([^)]+)\)/.exec(error.message)?.[1];
  if (!("kind" in error) || error.kind !== "not-found" || !window) return null;
  return (
    <p>
      Or it is older than the span retention window ({window}, <code>SPAN_RETENTION</code>) and has expired;
      only pinned traces are kept longer.
    </p>
  );
}
