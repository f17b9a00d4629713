// Trace search: one page of trace summaries matching a TraceSearch, sorted and paged on the
// server, with how many matched (GET /api/traces, docs/api.md § Search traces).
//
// Trace-level conditions (window, duration, status, a lone service) read only `traces`, whose
// summary ingest maintains. Span-level conditions (endpoint, name, attr, and service with them)
// must hold on one span of the trace: they read the trace's spans by id within its time bounds
// (or, when PostgreSQL prefers a hash join, the spans from the window's start on), so every scan
// is bounded by time. Newest-first pages stop after `limit` matches; sort=duration walks an index
// on the duration; only the count reads up to TOTAL_CAP matches.
import { z } from "zod";
import { encodeCursor, type TraceSearch } from "@/lib/contracts/trace-search";
import type { TraceSearchResponse, TraceSearchSort, TraceSummary } from "@/lib/contracts/trace-search-schema";
import { type Db, join, raw, type Sql, sql } from "@/lib/db/sql";
import { TraceSummaryColumns } from "@/lib/queries/traces/trace-summary-row";

/** Counting stops here: beyond it the response says "more than". */
export const TOTAL_CAP = 1_000;

// Allow-list: the only SQL text a request chooses.
const SORT_EXPRESSIONS: Record<TraceSearchSort, string> = {
  start: "t.start_time_unix_nano",
  duration: "(t.end_time_unix_nano - t.start_time_unix_nano)",
  spans: "t.span_count::int8",
  errors: "t.error_count::int8",
};

const ms = (value: number) => BigInt(value) * 1_000_000n;

const SummaryRow = TraceSummaryColumns.extend({
  root_endpoint: z.string().nullable(),
  sort_value: z.string(),
});
const CountRow = z.object({ n: z.string() });

export async function getTraceSummaries(db: Db, search: TraceSearch): Promise<TraceSearchResponse> {
  const where = matchConditions(search);
  const sortBy = raw(SORT_EXPRESSIONS[search.sort]);
  const page = search.cursor
    ? sql`AND (${sortBy}, t.trace_id) < (${search.cursor.value}::int8, ${Buffer.from(search.cursor.traceId, "hex")}::bytea)`
    : raw("");
  const [rows, count] = await Promise.all([
    db.many(
      sql`SELECT t.trace_id, t.start_time_unix_nano, t.end_time_unix_nano - t.start_time_unix_nano AS duration_nano,
                 t.span_count, t.error_count, t.root_service_name, t.root_span_name, t.root_endpoint,
                 t.services, ${sortBy} AS sort_value
          FROM traces t
          WHERE ${where} ${page}
          ORDER BY ${sortBy} DESC, t.trace_id DESC
          LIMIT ${search.limit + 1}`,
      SummaryRow,
    ),
    db.one(
      sql`SELECT count(*) AS n FROM (SELECT 1 FROM traces t WHERE ${where} LIMIT ${TOTAL_CAP + 1}) AS capped`,
      CountRow,
    ),
  ]);
  const counted = Number(count?.n ?? 0);
  const hasMore = rows.length > search.limit;
  const pageRows = rows.slice(0, search.limit);
  const last = pageRows.at(-1);
  return {
    traces: pageRows.map(toSummary),
    total: Math.min(counted, TOTAL_CAP),
    totalIsLowerBound: counted > TOTAL_CAP,
    nextCursor:
      hasMore && last
        ? encodeCursor(search.sort, { value: last.sort_value, traceId: last.trace_id.toString("hex") })
        : null,
  };
}

function toSummary(row: z.infer<typeof SummaryRow>): TraceSummary {
  return {
    traceId: row.trace_id.toString("hex"),
    rootService: row.root_service_name,
    rootName: row.root_span_name,
    endpoint: row.root_endpoint,
    startTimeUnixNano: row.start_time_unix_nano,
    durationMs: Number(row.duration_nano) / 1e6,
    spanCount: row.span_count,
    errorCount: row.error_count,
    services: row.services,
  };
}

/** The WHERE clause over `traces t` for everything but the cursor. */
function matchConditions(search: TraceSearch): Sql {
  const from = ms(search.from);
  const to = ms(search.to);
  const conditions: Sql[] = [sql`t.start_time_unix_nano >= ${from} AND t.start_time_unix_nano < ${to}`];
  const duration = sql`(t.end_time_unix_nano - t.start_time_unix_nano)`;
  if (search.minDurationNanos !== null) conditions.push(sql`${duration} >= ${search.minDurationNanos}`);
  if (search.maxDurationNanos !== null) conditions.push(sql`${duration} <= ${search.maxDurationNanos}`);
  if (search.status === "error") conditions.push(sql`t.error_count > 0`);
  if (search.status === "ok") conditions.push(sql`t.error_count = 0`);

  const spanConditions = oneSpanConditions(search);
  if (spanConditions.length === 0 && search.service !== null) {
    // A service alone is a trace-level fact: the summary lists the trace's services.
    conditions.push(sql`${search.service} = ANY(t.services)`);
  } else if (spanConditions.length > 0) {
    if (search.service !== null) conditions.push(sql`${search.service} = ANY(t.services)`);
    // The trace's own spans, found by its id and time bounds (the primary key, in the partitions
    // the trace touches); the lower bound lets a hash plan skip every partition before the window.
    conditions.push(sql`EXISTS (
      SELECT 1 FROM spans s
      WHERE s.trace_id = t.trace_id
        AND s.start_time_unix_nano >= t.start_time_unix_nano AND s.start_time_unix_nano <= t.end_time_unix_nano
        AND s.start_time_unix_nano >= ${from}
        AND ${join(spanConditions, " AND ")})`);
  }
  return join(conditions, " AND ");
}

/** Conditions that must hold together on one span (`spans s`). */
function oneSpanConditions(search: TraceSearch): Sql[] {
  const hasSpanFilter = search.endpoint !== null || search.name !== null || search.attrs.length > 0;
  if (!hasSpanFilter) return [];
  const conditions: Sql[] = [];
  if (search.service !== null) conditions.push(sql`s.service_name = ${search.service}`);
  if (search.endpoint !== null) conditions.push(sql`s.endpoint = ${search.endpoint}`);
  if (search.name !== null) conditions.push(sql`s.name = ${search.name}`);
  for (const { key, value } of search.attrs) {
    // The span's own attribute, or its resource's (service.version, host.name, …); exact text.
    conditions.push(sql`(s.attributes ->> ${key} = ${value}
      OR s.resource_id IN (SELECT r.id FROM resources r WHERE r.attributes ->> ${key} = ${value}))`);
  }
  return conditions;
}
