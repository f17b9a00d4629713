// Cache attribution as a trace analyser: works out which request each cache lookup of a quiet
// trace belongs to (attribute-lookups.ts) and keeps the cache rollups exact. Each request's
// previous attribution is replaced and the rollups change by the difference, so a trace that
// receives more spans later is simply analysed again by the scheduler.
import { z } from "zod";
import { type AttributionSpan, attributeLookups } from "@/lib/analysis/cache-attribution/attribute-lookups";
import type { AnalyzedTrace, TraceAnalyzer } from "@/lib/analysis/trace-analyzer";
import { type Db, sql } from "@/lib/db/sql";
import { compositeKey, keyedColumns } from "@/lib/model/composite-key";
import { bucketOf } from "@/lib/rollups/latency-histogram";
import { NANOS_PER_MINUTE } from "@/lib/rollups/minutes";

/** A request that made lookups, as attributed. */
export interface RequestLookupRow {
  traceId: Buffer;
  requestSpanId: Buffer;
  minute: string;
  service: string;
  endpoint: string;
  durationNano: string;
  lookups: number;
  hits: number;
}

const PreviousRow = z.object({
  trace_id: z.instanceof(Buffer),
  request_span_id: z.instanceof(Buffer),
  minute: z.string(),
  service_name: z.string(),
  endpoint: z.string(),
  duration_nano: z.string(),
  lookups: z.number(),
  hits: z.number(),
});

/** Outcome of a request: 0 when at least one lookup missed, 1 when all hit. */
const outcomeOf = (row: RequestLookupRow) => (row.hits === row.lookups ? 1 : 0);

export const cacheAttributionAnalyzer: TraceAnalyzer<RequestLookupRow[]> = {
  name: "cache-attribution",
  wants: (trace) => trace.cacheLookups > 0,
  analyze: attributeTrace,
  async store(tx, traces, results) {
    const traceIds = traces.map((trace) => trace.traceId);
    const current = results.flat();
    const previous = (
      await tx.many(
        sql`SELECT trace_id, request_span_id, minute, service_name, endpoint, duration_nano, lookups, hits
            FROM request_cache_lookups WHERE trace_id = ANY(${traceIds}::bytea[])`,
        PreviousRow,
      )
    ).map(
      (row): RequestLookupRow => ({
        traceId: row.trace_id,
        requestSpanId: row.request_span_id,
        minute: row.minute,
        service: row.service_name,
        endpoint: row.endpoint,
        durationNano: row.duration_nano,
        lookups: row.lookups,
        hits: row.hits,
      }),
    );
    await applyDifference(tx, previous, current);
    await tx.execute(sql`DELETE FROM request_cache_lookups WHERE trace_id = ANY(${traceIds}::bytea[])`);
    if (current.length === 0) return;
    await tx.execute(
      sql`INSERT INTO request_cache_lookups (trace_id, request_span_id, minute, service_name, endpoint, duration_nano, lookups, hits)
          SELECT * FROM unnest(${current.map((r) => r.traceId)}::bytea[], ${current.map((r) => r.requestSpanId)}::bytea[],
            ${current.map((r) => r.minute)}::int8[], ${current.map((r) => r.service)}::text[],
            ${current.map((r) => r.endpoint)}::text[], ${current.map((r) => r.durationNano)}::int8[],
            ${current.map((r) => r.lookups)}::int4[], ${current.map((r) => r.hits)}::int4[])`,
    );
  },
};

/** Pure: the requests of one trace that made lookups, with their counts. */
export function attributeTrace(trace: AnalyzedTrace): RequestLookupRow[] {
  const bySpanId = new Map(trace.spans.map((span) => [span.spanId.toString("latin1"), span]));
  const attribution = attributeLookups(
    trace.spans.map(
      (span): AttributionSpan => ({
        spanId: span.spanId.toString("latin1"),
        parentSpanId: span.parentSpanId?.toString("latin1") ?? null,
        service: span.serviceName,
        endpoint: span.endpoint,
        cacheResult: span.cacheResult,
      }),
    ),
  );
  const rows: RequestLookupRow[] = [];
  for (const stats of attribution.values()) {
    const request = bySpanId.get(stats.requestSpanId);
    if (!request || request.endpoint === null) continue;
    rows.push({
      traceId: trace.traceId,
      requestSpanId: request.spanId,
      minute: (request.startTimeUnixNano / NANOS_PER_MINUTE).toString(),
      service: request.serviceName,
      endpoint: request.endpoint,
      durationNano: request.durationNano.toString(),
      lookups: stats.lookups,
      hits: stats.hits,
    });
  }
  return rows;
}

/** Rollups += current − previous, skipping keys whose difference is zero. */
async function applyDifference(
  tx: Db,
  previous: RequestLookupRow[],
  current: RequestLookupRow[],
): Promise<void> {
  const minutes = new Map<string, { lookups: number; hits: number }>();
  const latency = new Map<string, number>();
  const add = (row: RequestLookupRow, sign: 1 | -1) => {
    const key = compositeKey(row.minute, row.service, row.endpoint);
    const counts = minutes.get(key) ?? { lookups: 0, hits: 0 };
    counts.lookups += sign * row.lookups;
    counts.hits += sign * row.hits;
    minutes.set(key, counts);
    const latencyKey = compositeKey(key, outcomeOf(row), bucketOf(Number(row.durationNano)));
    latency.set(latencyKey, (latency.get(latencyKey) ?? 0) + sign);
  };
  for (const row of previous) add(row, -1);
  for (const row of current) add(row, 1);

  const changedMinutes = [...minutes.entries()].filter(([, c]) => c.lookups !== 0 || c.hits !== 0);
  if (changedMinutes.length > 0) {
    const { keys, values } = keyedColumns(changedMinutes, 3);
    await tx.execute(
      sql`INSERT INTO endpoint_cache_minutes (minute, service_name, endpoint, lookups, hits)
          SELECT * FROM unnest(${keys[0]}::int8[], ${keys[1]}::text[], ${keys[2]}::text[],
            ${values.map((c) => c.lookups)}::int8[], ${values.map((c) => c.hits)}::int8[])
          ON CONFLICT (minute, service_name, endpoint) DO UPDATE SET
            lookups = endpoint_cache_minutes.lookups + excluded.lookups,
            hits = endpoint_cache_minutes.hits + excluded.hits`,
    );
  }
  const changedLatency = [...latency.entries()].filter(([, n]) => n !== 0);
  if (changedLatency.length > 0) {
    const { keys, values } = keyedColumns(changedLatency, 5);
    await tx.execute(
      sql`INSERT INTO endpoint_cache_latency (minute, service_name, endpoint, outcome, bucket, requests)
          SELECT * FROM unnest(${keys[0]}::int8[], ${keys[1]}::text[], ${keys[2]}::text[],
            ${keys[3]}::int2[], ${keys[4]}::int2[], ${values}::int8[])
          ON CONFLICT (minute, service_name, endpoint, outcome, bucket) DO UPDATE SET
            requests = endpoint_cache_latency.requests + excluded.requests`,
    );
  }
}
