// The insight detectors as a trace analyser: N+1 queries and sequential calls found in each quiet
// trace (detect-findings.ts, pure) and stored in trace_findings, and what each request's database
// statements took stored in request_statements (slow queries are judged from these over a
// window), replacing the trace's previous rows. GET /api/insights aggregates them per endpoint.
import { detectFindings, type TraceInsights } from "@/lib/analysis/insights/detect-findings";
import { DEFAULT_THRESHOLDS, type InsightThresholds } from "@/lib/analysis/insights/finding";
import type { StatementStats } from "@/lib/analysis/insights/statement-stats";
import type { AnalyzedTrace, TraceAnalyzer } from "@/lib/analysis/trace-analyzer";
import { type Db, sql } from "@/lib/db/sql";

export function insightsAnalyzer(
  thresholds: InsightThresholds = DEFAULT_THRESHOLDS,
): TraceAnalyzer<TraceInsights> {
  return {
    name: "insights",
    // a detector needs at least a request and two calls, or one call for a slow query
    wants: (trace) => trace.spanCount >= 2,
    needsAttributes: true,
    analyze: (trace: AnalyzedTrace) => detectFindings(trace.spans, thresholds),
    async store(tx, traces, results) {
      const ids = traces.map((t) => t.traceId);
      await tx.execute(sql`DELETE FROM trace_findings WHERE trace_id = ANY(${ids}::bytea[])`);
      await tx.execute(sql`DELETE FROM request_statements WHERE trace_id = ANY(${ids}::bytea[])`);
      await storeStatements(
        tx,
        traces.flatMap((trace, index) =>
          (results[index]?.statements ?? []).map((stats) => ({ traceId: trace.traceId, ...stats })),
        ),
      );
      const rows = traces.flatMap((trace, index) =>
        (results[index]?.findings ?? []).map((finding) => ({ traceId: trace.traceId, ...finding })),
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
              ${rows.map((r) => hexList(r.spanIds))}::text[],
              ${rows.map((r) => r.count)}::int4[], ${rows.map((r) => r.timeSavedNano.toString())}::int8[],
              ${rows.map((r) => r.nearMiss)}::text[])
              AS v (trace_id, request_span_id, kind, call_key, service_name, endpoint, request_start,
                    request_duration, span_ids, call_count, time_saved, near_miss)
            ON CONFLICT (trace_id, request_span_id, kind, call_key) DO NOTHING`,
      );
    },
  };
}

const hexList = (ids: readonly Buffer[]) => ids.map((id) => id.toString("hex")).join(",");

async function storeStatements(tx: Db, rows: Array<StatementStats & { traceId: Buffer }>): Promise<void> {
  if (rows.length === 0) return;
  // histograms travel as array literals and span ids as hex lists: unnest cannot take an array of
  // arrays of differing lengths
  await tx.execute(
    sql`INSERT INTO request_statements (trace_id, request_span_id, call_key, service_name, endpoint,
          request_start_unix_nano, calls, total_nano, latency_histogram, slowest_span_id, slowest_nano,
          slow_span_ids, excess_nano)
        SELECT trace_id, request_span_id, call_key, service_name, endpoint, request_start, calls, total,
               histogram::int8[], slowest_span_id, slowest,
               coalesce((SELECT array_agg(decode(id, 'hex')) FROM unnest(string_to_array(slow_span_ids, ',')) AS id), '{}'),
               excess
        FROM unnest(${rows.map((r) => r.traceId)}::bytea[], ${rows.map((r) => r.requestSpanId)}::bytea[],
          ${rows.map((r) => r.key)}::text[], ${rows.map((r) => r.service)}::text[],
          ${rows.map((r) => r.endpoint)}::text[], ${rows.map((r) => r.requestStartNano.toString())}::int8[],
          ${rows.map((r) => r.calls)}::int4[], ${rows.map((r) => r.totalNano.toString())}::int8[],
          ${rows.map((r) => r.histogram)}::text[], ${rows.map((r) => r.slowestSpanId)}::bytea[],
          ${rows.map((r) => r.slowestNano.toString())}::int8[], ${rows.map((r) => hexList(r.slowSpanIds))}::text[],
          ${rows.map((r) => r.excessNano.toString())}::int8[])
          AS v (trace_id, request_span_id, call_key, service_name, endpoint, request_start, calls, total,
                histogram, slowest_span_id, slowest, slow_span_ids, excess)
        ON CONFLICT (trace_id, request_span_id, call_key) DO NOTHING`,
  );
}
