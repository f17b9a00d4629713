// The one scheduler for trace analysers. A trace is pending while it has a row in
// trace_analysis_queue (every ingest of it upserts that row with the trace's new ingest_version)
// and quiet once no span arrived for `quietMs`: children and parents arrive in different batches,
// in any order. One batch is one transaction:
//   pending quiet traces (their queue rows FOR UPDATE SKIP LOCKED: several workers share the
//   work, never a trace) → their spans, loaded once → each interested analyser's pure analyze()
//   → its store() → trace_analyses(trace_id, analyzer, version) → the queue rows deleted.
// The version read is recorded, not the current one: spans committed meanwhile bumped it (their
// ingest waits for the queue row, then puts it back), so the trace is analysed again with them.
// The `traces` row itself is never written here: trace search reads that table.
import { z } from "zod";
import type { AnalysisSpan, AnalyzedTrace, TraceAnalyzer, TraceSummary } from "@/lib/analysis/trace-analyzer";
import type { QuietTrace } from "@/lib/analysis/trace-pages/kept-trace-pages";
import { type Db, type PoolDb, sql } from "@/lib/db/sql";
import type { Attributes } from "@/lib/model/attribute-value";

const PendingRow = z.object({
  trace_id: z.instanceof(Buffer),
  ingest_version: z.number(),
  start_time_unix_nano: z.string(),
  end_time_unix_nano: z.string(),
  span_count: z.number(),
  cache_lookups: z.number(),
});

const SpanRow = z.object({
  trace_id: z.instanceof(Buffer),
  span_id: z.instanceof(Buffer),
  parent_span_id: z.instanceof(Buffer).nullable(),
  service_name: z.string(),
  name: z.string(),
  kind: z.number(),
  status_code: z.number(),
  endpoint: z.string().nullable(),
  cache_result: z.number().nullable(),
  start_time_unix_nano: z.string(),
  duration_nano: z.string(),
  attributes: z.record(z.string(), z.unknown()).nullable(),
});

export interface AnalysisBatchResult {
  /** pending traces taken (and marked analysed) */
  traces: number;
  /** per analyser: how many traces it analysed */
  analyzed: Record<string, number>;
  /** the traces taken, at the version analysed (the worker keeps large ones' pages next) */
  quietTraces: QuietTrace[];
}

/**
 * Analyses one batch of quiet pending traces with every analyser. Resolves with what it did; a
 * batch of `maxTraces` means more may be waiting.
 */
export async function analyzeQuietTraces(
  db: PoolDb,
  analyzers: readonly TraceAnalyzer[],
  options: { quietMs: number; maxTraces: number },
): Promise<AnalysisBatchResult> {
  return db.transaction(async (tx) => {
    const pending = await tx.many(
      sql`SELECT q.trace_id, q.ingest_version, t.start_time_unix_nano, t.end_time_unix_nano, t.span_count,
                 t.cache_lookups
          FROM trace_analysis_queue q JOIN traces t ON t.trace_id = q.trace_id
          WHERE q.updated_at < now() - make_interval(secs => ${options.quietMs / 1000})
          ORDER BY q.updated_at
          LIMIT ${options.maxTraces}
          FOR UPDATE OF q SKIP LOCKED`,
      PendingRow,
    );
    const analyzed: Record<string, number> = {};
    if (pending.length === 0) return { traces: 0, analyzed, quietTraces: [] };

    const summaries = pending.map(
      (row): TraceSummary => ({
        traceId: row.trace_id,
        spanCount: row.span_count,
        cacheLookups: row.cache_lookups,
      }),
    );
    const interested = analyzers.map((analyzer) =>
      pending.filter((_, index) => analyzer.wants(summaries[index] as TraceSummary)),
    );
    const toLoad = new Set(interested.flat());
    const withAttributes = new Set(
      analyzers.flatMap((analyzer, index) => (analyzer.needsAttributes ? (interested[index] ?? []) : [])),
    );
    const spansByTrace = await loadSpans(
      tx,
      [...toLoad].map((row) => ({ ...row, attributes: withAttributes.has(row) })),
    );
    const traceOf = (row: z.infer<typeof PendingRow>): AnalyzedTrace => ({
      traceId: row.trace_id,
      version: row.ingest_version,
      spans: spansByTrace.get(row.trace_id.toString("latin1")) ?? [],
    });

    for (const [index, analyzer] of analyzers.entries()) {
      const traces = (interested[index] ?? []).map(traceOf);
      analyzed[analyzer.name] = traces.length;
      if (traces.length === 0) continue;
      await analyzer.store(
        tx,
        traces,
        traces.map((trace) => analyzer.analyze(trace)),
      );
      await tx.execute(
        sql`INSERT INTO trace_analyses (trace_id, analyzer, version)
            SELECT trace_id, ${analyzer.name}, version FROM unnest(${traces.map((t) => t.traceId)}::bytea[], ${traces.map((t) => t.version)}::int4[]) AS v (trace_id, version)
            ON CONFLICT (trace_id, analyzer) DO UPDATE SET version = excluded.version, analyzed_at = now()`,
      );
    }
    // Locked since the SELECT, so still at the version read: ingest waits to put a newer one back.
    await tx.execute(
      sql`DELETE FROM trace_analysis_queue WHERE trace_id = ANY(${pending.map((row) => row.trace_id)}::bytea[])`,
    );
    return {
      traces: pending.length,
      analyzed,
      quietTraces: pending.map((row) => ({
        traceId: row.trace_id,
        version: row.ingest_version,
        spanCount: row.span_count,
      })),
    };
  });
}

/** The spans of the given traces, each probed only within its time bounds (partition pruning). */
async function loadSpans(
  tx: Db,
  traces: Array<z.infer<typeof PendingRow> & { attributes: boolean }>,
): Promise<Map<string, AnalysisSpan[]>> {
  const byTrace = new Map<string, AnalysisSpan[]>();
  if (traces.length === 0) return byTrace;
  const rows = await tx.many(
    sql`SELECT s.trace_id, s.span_id, s.parent_span_id, s.service_name, s.name, s.kind, s.status_code,
               s.endpoint, s.cache_result, s.start_time_unix_nano, s.duration_nano,
               CASE WHEN t.with_attributes THEN s.attributes END AS attributes
        FROM unnest(${traces.map((t) => t.trace_id)}::bytea[], ${traces.map((t) => t.start_time_unix_nano)}::int8[],
                    ${traces.map((t) => t.end_time_unix_nano)}::int8[], ${traces.map((t) => t.attributes)}::bool[])
             AS t (trace_id, first_start, last_end, with_attributes)
        JOIN spans s ON s.trace_id = t.trace_id AND s.start_time_unix_nano BETWEEN t.first_start AND t.last_end`,
    SpanRow,
  );
  for (const row of rows) {
    const key = row.trace_id.toString("latin1");
    let list = byTrace.get(key);
    if (!list) {
      list = [];
      byTrace.set(key, list);
    }
    list.push({
      spanId: row.span_id,
      parentSpanId: row.parent_span_id,
      serviceName: row.service_name,
      name: row.name,
      kind: row.kind,
      statusCode: row.status_code,
      endpoint: row.endpoint,
      cacheResult: row.cache_result,
      startTimeUnixNano: BigInt(row.start_time_unix_nano),
      durationNano: BigInt(row.duration_nano),
      attributes: row.attributes as Attributes | null,
    });
  }
  return byTrace;
}
