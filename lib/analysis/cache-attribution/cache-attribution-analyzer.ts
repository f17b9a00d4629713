// Works out which request each cache lookup belongs to, for traces that have been quiet for a
// moment (children and parents arrive in different batches, in any order), and keeps the cache
// rollups exact: each request's previous attribution is replaced, and the rollups change by the
// difference. A trace that receives more spans later is simply resolved again.
// One resolver runs at a time across processes (advisory lock); all of it is one transaction.
import type pg from "pg";
import { type AttributionSpan, attributeLookups } from "@/lib/analysis/cache-attribution/attribute-lookups";
import { bucketOf } from "@/lib/rollups/latency-histogram";
import { NANOS_PER_MINUTE } from "@/lib/rollups/minutes";

const RESOLVER_LOCK_KEY = 7_240_019_004;

const PENDING_TRACES = `
SELECT trace_id, ingest_version, start_time_unix_nano, end_time_unix_nano
FROM traces
WHERE cache_lookups > 0 AND cache_resolved_version < ingest_version
  AND updated_at < now() - make_interval(secs => $1)
ORDER BY updated_at
LIMIT $2`;

const SPANS_OF_TRACES = `
SELECT s.trace_id, s.span_id, s.parent_span_id, s.service_name, s.endpoint, s.cache_result,
       s.start_time_unix_nano, s.duration_nano
FROM unnest($1::bytea[], $2::int8[], $3::int8[]) AS t (trace_id, first_start, last_end)
JOIN spans s ON s.trace_id = t.trace_id AND s.start_time_unix_nano BETWEEN t.first_start AND t.last_end`;

const PREVIOUS = `
SELECT trace_id, request_span_id, minute, service_name, endpoint, duration_nano, lookups, hits
FROM request_cache_lookups WHERE trace_id = ANY($1::bytea[])`;

const UPSERT_MINUTES = `
INSERT INTO endpoint_cache_minutes (minute, service_name, endpoint, lookups, hits)
SELECT * FROM unnest($1::int8[], $2::text[], $3::text[], $4::int8[], $5::int8[])
ON CONFLICT (minute, service_name, endpoint) DO UPDATE SET
  lookups = endpoint_cache_minutes.lookups + excluded.lookups,
  hits = endpoint_cache_minutes.hits + excluded.hits`;

const UPSERT_LATENCY = `
INSERT INTO endpoint_cache_latency (minute, service_name, endpoint, outcome, bucket, requests)
SELECT * FROM unnest($1::int8[], $2::text[], $3::text[], $4::int2[], $5::int2[], $6::int8[])
ON CONFLICT (minute, service_name, endpoint, outcome, bucket) DO UPDATE SET
  requests = endpoint_cache_latency.requests + excluded.requests`;

const INSERT_REQUESTS = `
INSERT INTO request_cache_lookups (trace_id, request_span_id, minute, service_name, endpoint, duration_nano, lookups, hits)
SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::int8[], $4::text[], $5::text[], $6::int8[], $7::int4[], $8::int4[])`;

const MARK_RESOLVED = `
UPDATE traces SET cache_resolved_version = v.version
FROM unnest($1::bytea[], $2::int4[]) AS v (trace_id, version)
WHERE traces.trace_id = v.trace_id`;

/** A request that made lookups, as attributed. */
interface RequestRow {
  traceId: Buffer;
  requestSpanId: Buffer;
  minute: string;
  service: string;
  endpoint: string;
  durationNano: string;
  lookups: number;
  hits: number;
}

const SEP = "\u0000";
/** Outcome of a request: 0 when at least one lookup missed, 1 when all hit. */
const outcomeOf = (row: RequestRow) => (row.hits === row.lookups ? 1 : 0);

export async function resolveCacheAttribution(
  pool: pg.Pool,
  options: { quietMs: number; maxTraces: number },
): Promise<number | null> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const lock = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS ok", [
      RESOLVER_LOCK_KEY,
    ]);
    if (!lock.rows[0]?.ok) {
      await client.query("ROLLBACK");
      return null;
    }
    const pending = await client.query<{
      trace_id: Buffer;
      ingest_version: number;
      start_time_unix_nano: string;
      end_time_unix_nano: string;
    }>(PENDING_TRACES, [options.quietMs / 1000, options.maxTraces]);
    if (pending.rows.length === 0) {
      await client.query("COMMIT");
      return 0;
    }
    const traceIds = pending.rows.map((row) => row.trace_id);
    const spans = await client.query(SPANS_OF_TRACES, [
      traceIds,
      pending.rows.map((row) => row.start_time_unix_nano),
      pending.rows.map((row) => row.end_time_unix_nano),
    ]);
    const current = attributeAll(spans.rows);
    const previous = (await client.query(PREVIOUS, [traceIds])).rows.map(
      (row): RequestRow => ({
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
    await applyDifference(client, previous, current);
    await client.query("DELETE FROM request_cache_lookups WHERE trace_id = ANY($1::bytea[])", [traceIds]);
    if (current.length > 0) {
      await client.query(INSERT_REQUESTS, [
        current.map((r) => r.traceId),
        current.map((r) => r.requestSpanId),
        current.map((r) => r.minute),
        current.map((r) => r.service),
        current.map((r) => r.endpoint),
        current.map((r) => r.durationNano),
        current.map((r) => r.lookups),
        current.map((r) => r.hits),
      ]);
    }
    // The version read above, not the current one: spans committed meanwhile bumped it, so the
    // trace stays pending and is resolved again with them.
    await client.query(MARK_RESOLVED, [traceIds, pending.rows.map((row) => row.ingest_version)]);
    await client.query("COMMIT");
    return pending.rows.length;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

interface SpanRecord {
  trace_id: Buffer;
  span_id: Buffer;
  parent_span_id: Buffer | null;
  service_name: string;
  endpoint: string | null;
  cache_result: number | null;
  start_time_unix_nano: string;
  duration_nano: string;
}

function attributeAll(spans: SpanRecord[]): RequestRow[] {
  const byTrace = new Map<string, SpanRecord[]>();
  for (const span of spans) {
    const key = span.trace_id.toString("latin1");
    const list = byTrace.get(key) ?? [];
    list.push(span);
    byTrace.set(key, list);
  }
  const rows: RequestRow[] = [];
  for (const traceSpans of byTrace.values()) {
    const bySpanId = new Map(traceSpans.map((span) => [span.span_id.toString("latin1"), span]));
    const attribution = attributeLookups(
      traceSpans.map(
        (span): AttributionSpan => ({
          spanId: span.span_id.toString("latin1"),
          parentSpanId: span.parent_span_id?.toString("latin1") ?? null,
          service: span.service_name,
          endpoint: span.endpoint,
          cacheResult: span.cache_result,
        }),
      ),
    );
    for (const stats of attribution.values()) {
      const request = bySpanId.get(stats.requestSpanId) as SpanRecord;
      rows.push({
        traceId: request.trace_id,
        requestSpanId: request.span_id,
        minute: (BigInt(request.start_time_unix_nano) / NANOS_PER_MINUTE).toString(),
        service: request.service_name,
        endpoint: request.endpoint as string,
        durationNano: request.duration_nano,
        lookups: stats.lookups,
        hits: stats.hits,
      });
    }
  }
  return rows;
}

/** Rollups += current − previous, skipping keys whose difference is zero. */
async function applyDifference(
  client: pg.PoolClient,
  previous: RequestRow[],
  current: RequestRow[],
): Promise<void> {
  const minutes = new Map<string, { lookups: number; hits: number }>();
  const latency = new Map<string, number>();
  const add = (row: RequestRow, sign: 1 | -1) => {
    const key = [row.minute, row.service, row.endpoint].join(SEP);
    const counts = minutes.get(key) ?? { lookups: 0, hits: 0 };
    counts.lookups += sign * row.lookups;
    counts.hits += sign * row.hits;
    minutes.set(key, counts);
    const latencyKey = [key, outcomeOf(row), bucketOf(Number(row.durationNano))].join(SEP);
    latency.set(latencyKey, (latency.get(latencyKey) ?? 0) + sign);
  };
  for (const row of previous) add(row, -1);
  for (const row of current) add(row, 1);

  const minuteRows = sorted([...minutes.entries()].filter(([, c]) => c.lookups !== 0 || c.hits !== 0));
  if (minuteRows.length > 0) {
    const keys = minuteRows.map(([key]) => key.split(SEP));
    await client.query(UPSERT_MINUTES, [
      ...[0, 1, 2].map((column) => keys.map((key) => key[column])),
      minuteRows.map(([, c]) => c.lookups),
      minuteRows.map(([, c]) => c.hits),
    ]);
  }
  const latencyRows = sorted([...latency.entries()].filter(([, n]) => n !== 0));
  if (latencyRows.length > 0) {
    const keys = latencyRows.map(([key]) => key.split(SEP));
    await client.query(UPSERT_LATENCY, [
      ...[0, 1, 2, 3, 4].map((column) => keys.map((key) => key[column])),
      latencyRows.map(([, n]) => n),
    ]);
  }
}

function sorted<T>(entries: Array<[string, T]>): Array<[string, T]> {
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
