// Trace search results as scatter points: when each trace started (x) against how long it took
// (y), failed traces apart so they can be drawn in the error colour. Pure.
import type { TraceSummary } from "@/lib/contracts/trace-search-schema";

export interface TracePoint {
  /** start, epoch milliseconds (precision beyond a millisecond is not visible on a chart) */
  t: number;
  /** exact start, for the tooltip */
  startTimeUnixNano: string;
  durationMs: number;
  traceId: string;
  label: string;
  spanCount: number;
  errorCount: number;
}

export function toTracePoints(traces: readonly TraceSummary[]): { ok: TracePoint[]; failed: TracePoint[] } {
  const ok: TracePoint[] = [];
  const failed: TracePoint[] = [];
  for (const trace of traces) {
    const point: TracePoint = {
      t: Number(BigInt(trace.startTimeUnixNano) / 1_000_000n),
      startTimeUnixNano: trace.startTimeUnixNano,
      durationMs: trace.durationMs,
      traceId: trace.traceId,
      label: trace.rootName ?? trace.endpoint ?? "(root span not received)",
      spanCount: trace.spanCount,
      errorCount: trace.errorCount,
    };
    (trace.errorCount > 0 ? failed : ok).push(point);
  }
  return { ok, failed };
}
