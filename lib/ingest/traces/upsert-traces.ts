// Maintains the `traces` table (time bounds, span count, root, and the search summary: errors,
// services, root endpoint — GET /api/traces reads only this table for trace-level filters — and
// the search filter and terms of span names, endpoints and attributes, lib/model/trace-search-bloom.ts).
import { type Db, sql } from "@/lib/db/sql";
import type { SpanRow } from "@/lib/ingest/traces/span-row";
import {
  emptySearchBloom,
  mergeSearchBloom,
  mergeSearchTerms,
  SEARCH_TERMS_MAX,
  SEARCH_TERMS_OVERFLOW,
  searchBloomSqlText,
  serviceTerm,
} from "@/lib/model/trace-search-bloom";

// The trace, and its place in the analysis queue (lib/analysis/analyze-quiet-traces.ts) at the
// version this batch gave it: one statement, one round trip.
// Every trace's terms come in one int4[] (`terms`), each trace's as a slice of it: an int4[][]
// parameter would need rows of equal length.
const upsertTracesSql = (columns: unknown[], terms: string) => sql`
WITH upserted AS (
INSERT INTO traces (trace_id, start_time_unix_nano, end_time_unix_nano, span_count, root_service_name, root_span_name, cache_lookups,
                    error_count, services, root_endpoint, search_bloom, search_terms)
SELECT t.trace_id, t.start_time, t.end_time, t.span_count, t.root_service, t.root_name, t.cache_lookups,
       t.error_count, ARRAY(SELECT jsonb_array_elements_text(t.services)), t.root_endpoint, t.search_bloom,
       (${terms}::int4[])[t.terms_from:t.terms_to]
FROM unnest(${columns[0]}::bytea[], ${columns[1]}::int8[], ${columns[2]}::int8[], ${columns[3]}::int4[],
            ${columns[4]}::text[], ${columns[5]}::text[], ${columns[6]}::int4[],
            ${columns[7]}::int4[], ${columns[8]}::jsonb[], ${columns[9]}::text[], ${columns[10]}::bit(512)[],
            ${columns[11]}::int4[], ${columns[12]}::int4[])
  AS t(trace_id, start_time, end_time, span_count, root_service, root_name, cache_lookups,
       error_count, services, root_endpoint, search_bloom, terms_from, terms_to)
ON CONFLICT (trace_id) DO UPDATE SET
  start_time_unix_nano = least(traces.start_time_unix_nano, excluded.start_time_unix_nano),
  end_time_unix_nano = greatest(traces.end_time_unix_nano, excluded.end_time_unix_nano),
  span_count = traces.span_count + excluded.span_count,
  root_service_name = coalesce(traces.root_service_name, excluded.root_service_name),
  root_span_name = coalesce(traces.root_span_name, excluded.root_span_name),
  cache_lookups = traces.cache_lookups + excluded.cache_lookups,
  error_count = traces.error_count + excluded.error_count,
  services = CASE WHEN excluded.services <@ traces.services THEN traces.services
                  ELSE ARRAY(SELECT DISTINCT unnest(traces.services || excluded.services)) END,
  root_endpoint = coalesce(traces.root_endpoint, excluded.root_endpoint),
  -- NULL (a trace stored before the filter existed) stays NULL: "may match anything"
  search_bloom = traces.search_bloom | excluded.search_bloom,
  -- NULL stays NULL too (unknown: the search then uses the filter alone); the overflow term stays;
  -- past SEARCH_TERMS_MAX the trace overflows
  search_terms = CASE
    WHEN traces.search_terms IS NULL OR excluded.search_terms <@ traces.search_terms THEN traces.search_terms
    WHEN ${SEARCH_TERMS_OVERFLOW} = ANY(traces.search_terms) OR ${SEARCH_TERMS_OVERFLOW} = ANY(excluded.search_terms)
      THEN ARRAY[${SEARCH_TERMS_OVERFLOW}]::int4[]
    ELSE (SELECT CASE WHEN count(*) > ${SEARCH_TERMS_MAX} THEN ARRAY[${SEARCH_TERMS_OVERFLOW}]::int4[] ELSE array_agg(term) END
          FROM (SELECT DISTINCT unnest(traces.search_terms || excluded.search_terms) AS term) AS merged)
  END,
  -- more of the trace arrived: it is queued to be analysed again once quiet (lib/analysis/)
  ingest_version = traces.ingest_version + 1,
  updated_at = now()
RETURNING trace_id, ingest_version
)
INSERT INTO trace_analysis_queue (trace_id, ingest_version)
SELECT trace_id, ingest_version FROM upserted
ON CONFLICT (trace_id) DO UPDATE SET ingest_version = excluded.ingest_version, updated_at = now()`;

const STATUS_ERROR = 2;

interface TraceSummary {
  traceId: Buffer;
  start: bigint;
  end: bigint;
  spans: number;
  rootService: string | null;
  rootName: string | null;
  cacheLookups: number;
  errors: number;
  services: Set<string>;
  rootEndpoint: string | null;
  searchBloom: Uint8Array;
  /** whether searchBloom is this summary's own copy (else a span's, shared with its request) */
  ownsBloom: boolean;
  searchTerms: Set<number>;
  /** the same for searchTerms */
  ownsTerms: boolean;
}

export async function upsertTraces(tx: Db, spans: SpanRow[]): Promise<void> {
  const traces = new Map<string, TraceSummary>();
  for (const span of spans) {
    const key = span.traceId.toString("latin1");
    const end = span.startTimeUnixNano + span.durationNano;
    const isRoot = span.parentSpanId === null;
    const trace = traces.get(key);
    if (!trace) {
      traces.set(key, {
        traceId: span.traceId,
        start: span.startTimeUnixNano,
        end,
        spans: 1,
        rootService: isRoot ? span.serviceName : null,
        rootName: isRoot ? span.name : null,
        cacheLookups: span.cacheResult === null ? 0 : 1,
        errors: span.statusCode === STATUS_ERROR ? 1 : 0,
        services: new Set([span.serviceName]),
        rootEndpoint: isRoot ? span.endpoint : null,
        searchBloom: span.searchBloom,
        ownsBloom: false,
        searchTerms: span.searchTerms,
        ownsTerms: false,
      });
      continue;
    }
    if (span.startTimeUnixNano < trace.start) trace.start = span.startTimeUnixNano;
    if (end > trace.end) trace.end = end;
    trace.spans++;
    if (span.cacheResult !== null) trace.cacheLookups++;
    if (span.statusCode === STATUS_ERROR) trace.errors++;
    trace.services.add(span.serviceName);
    if (span.searchBloom !== trace.searchBloom) {
      // Spans of one trace from several requests in this batch: merge into a copy of our own.
      if (!trace.ownsBloom) {
        const own = emptySearchBloom();
        mergeSearchBloom(own, trace.searchBloom);
        trace.searchBloom = own;
        trace.ownsBloom = true;
      }
      mergeSearchBloom(trace.searchBloom, span.searchBloom);
    }
    if (span.searchTerms !== trace.searchTerms) {
      if (!trace.ownsTerms) {
        trace.searchTerms = new Set(trace.searchTerms);
        trace.ownsTerms = true;
      }
      mergeSearchTerms(trace.searchTerms, span.searchTerms);
    }
    if (isRoot && trace.rootName === null) {
      trace.rootService = span.serviceName;
      trace.rootName = span.name;
      trace.rootEndpoint = span.endpoint;
    }
  }
  if (traces.size === 0) return;
  // Sorted by id: concurrent writers then lock rows in the same order and cannot deadlock.
  const rows = [...traces.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
  // The terms go as one int4[] literal built here: pg's own array serialiser quotes and escapes
  // every element, which cost more than the rest of this function (thousands of terms a request).
  let terms = "";
  let count = 0;
  const termsFrom: number[] = [];
  const termsTo: number[] = [];
  const serviceTerms = new Map<string, number>();
  const push = (term: number) => {
    terms += count++ === 0 ? String(term) : `,${term}`;
  };
  for (const trace of rows) {
    termsFrom.push(count + 1);
    if (trace.searchTerms.size > SEARCH_TERMS_MAX) {
      push(SEARCH_TERMS_OVERFLOW);
    } else {
      for (const term of trace.searchTerms) push(term);
      // The services' terms: after the overflow test, so that they never make a trace overflow
      // alone (the SQL merge counts them)
      for (const service of trace.services) {
        let term = serviceTerms.get(service);
        if (term === undefined) {
          term = serviceTerm(service);
          serviceTerms.set(service, term);
        }
        if (!trace.searchTerms.has(term)) push(term);
      }
    }
    termsTo.push(count);
  }
  await tx.execute(
    upsertTracesSql(
      [
        rows.map((t) => t.traceId),
        rows.map((t) => t.start.toString()),
        rows.map((t) => t.end.toString()),
        rows.map((t) => t.spans),
        rows.map((t) => t.rootService),
        rows.map((t) => t.rootName),
        rows.map((t) => t.cacheLookups),
        rows.map((t) => t.errors),
        // One JSON array per trace: a text[][] parameter would need rows of equal length.
        rows.map((t) => JSON.stringify([...t.services])),
        rows.map((t) => t.rootEndpoint),
        rows.map((t) => searchBloomSqlText(t.searchBloom)),
        termsFrom,
        termsTo,
      ],
      `{${terms}}`,
    ),
  );
}
