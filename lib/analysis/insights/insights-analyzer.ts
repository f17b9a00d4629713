// The insight detectors as a trace analyser: N+1 queries, sequential calls and slow queries found
// in each quiet trace (detect-findings.ts, pure) and stored in trace_findings, replacing the
// trace's previous findings. GET /api/insights aggregates them per endpoint.
import { detectFindings } from "@/lib/analysis/insights/detect-findings";
import { DEFAULT_THRESHOLDS, type Finding, type InsightThresholds } from "@/lib/analysis/insights/finding";
import type { AnalyzedTrace, TraceAnalyzer } from "@/lib/analysis/trace-analyzer";
import { sql } from "@/lib/db/sql";

export function insightsAnalyzer(
  thresholds: InsightThresholds = DEFAULT_THRESHOLDS,
): TraceAnalyzer<Finding[]> {
  return {
    name: "insights",
    // a detector needs at least a request and two calls, or one call for a slow query
    wants: (trace) => trace.spanCount >= 2,
    needsAttributes: true,
    analyze: (trace: AnalyzedTrace) => detectFindings(trace.spans, thresholds),
    async store(tx, traces, results) {
      await tx.execute(
        sql`DELETE FROM trace_findings WHERE trace_id = ANY(${traces.map((t) => t.traceId)}::bytea[])`,
      );
      const rows = traces.flatMap((trace, index) =>
        (results[index] ?? []).map((finding) => ({ traceId: trace.traceId, ...finding })),
      );
      if (rows.length === 0) return;
      // span ids travel as one hex list per row: unnest cannot take an array of arrays of differing lengths
      await tx.execute(
        sql`INSERT INTO trace_findings (trace_id, request_span_id, kind, call_key, service_name, endpoint,
              request_start_unix_nano, request_duration_nano, span_ids, call_count, time_saved_nano, near_miss)
            SELECT trace_id, request_span_id, kind, call_key, service_name, endpoint, request_start, request_duration,
                   (SELECT array_agg(decode(id, 'hex')) FROM unnest(string_to_array(span_ids, ',')) AS id),
                   call_count, time_saved, near_miss
            FROM unnest(${rows.map((r) => r.traceId)}::bytea[], ${rows.map((r) => r.requestSpanId)}::bytea[],
              ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.key)}::text[],
              ${rows.map((r) => r.service)}::text[], ${rows.map((r) => r.endpoint)}::text[],
              ${rows.map((r) => r.requestStartNano.toString())}::int8[],
              ${rows.map((r) => r.requestDurationNano.toString())}::int8[],
              ${rows.map((r) => r.spanIds.map((id) => id.toString("hex")).join(","))}::text[],
              ${rows.map((r) => r.count)}::int4[], ${rows.map((r) => r.timeSavedNano.toString())}::int8[],
              ${rows.map((r) => r.nearMiss)}::text[])
              AS v (trace_id, request_span_id, kind, call_key, service_name, endpoint, request_start,
                    request_duration, span_ids, call_count, time_saved, near_miss)
            ON CONFLICT (trace_id, request_span_id, kind, call_key) DO NOTHING`,
      );
    },
  };
}
