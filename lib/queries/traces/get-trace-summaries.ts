// Trace search: one page of trace summaries matching a TraceSearch, sorted and paged on the
// server, with how many matched (GET /api/traces, docs/api.md § Search traces).
//
// Trace-level conditions (window, duration, status, a lone service) read only `traces`, whose
// summary ingest maintains. Span-level conditions (endpoint, name, attr, and service with them)
// must hold on one span of the trace: their terms are first looked up in the GIN index of the
// traces' search terms (traces.search_terms), which reaches the traces holding them all without
// testing each trace of the window, and in the trace's search filter (traces.search_bloom,
// lib/model/trace-search-bloom.ts); both rule out most traces that cannot match without reading a
// span; the trace's spans, read by id within its time bounds, then decide.
// Every scan is bounded by time. Newest-first pages stop after `limit` matches; sort=duration
// walks an index on the duration; only the count reads up to TOTAL_CAP matches. With search
// terms, the count lists those matches, and when that is all of them the page is cut from the
// list instead of walking an index in search of a rare term.
// A service with an endpoint is a rarer thing to look for: a newest-first page of them is found
// quickly, but counting up to TOTAL_CAP of them scans most of the window. When the rollups say
// the window holds few such requests, the count (and a page sorted by duration, spans or errors)
// reads their spans from the spans' endpoint index instead, and only their traces
// (requestSpanCandidates).
import { z } from "zod";
import { encodeCursor, type TraceSearch } from "@/lib/contracts/trace-search";
import type { TraceSearchResponse, TraceSearchSort, TraceSummary } from "@/lib/contracts/trace-search-schema";
import { type Db, join, raw, type Sql, sql } from "@/lib/db/sql";
import {
  attributeMask,
  attributeTerm,
  emptySearchBloom,
  endpointMask,
  endpointTerm,
  mergeSearchBloom,
  nameMask,
  nameTerm,
  SEARCH_TERMS_OVERFLOW,
  searchBloomSqlText,
  serviceTerm,
} from "@/lib/model/trace-search-bloom";
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
const MatchRow = z.object({ trace_id: z.instanceof(Buffer), sort_value: z.string() });
const UnsummarisedRow = z.object({ unfiltered: z.boolean(), unindexed: z.boolean() });
const ResourceServicesRow = z.object({ i: z.number(), services: z.array(z.string()) });

export async function getTraceSummaries(db: Db, search: TraceSearch): Promise<TraceSearchResponse> {
  const [resourceServices, unsummarised, candidates] = hasSpanConditions(search)
    ? await Promise.all([
        servicesWithResourceAttributes(db, search),
        windowHasUnsummarisedTraces(db, search),
        requestSpanCandidates(db, search),
      ])
    : [[], { unfiltered: false, unindexed: false }, null];
  const { traceWhere, termsMatch, spansMatch } = matchConditions(search, resourceServices, unsummarised);
  const where = join([traceWhere, ...(spansMatch ? [spansMatch] : [])], " AND ");
  // A service's endpoint's traces: the count reads the candidates, not the window, and so does
  // a page sorted by anything but the start (a newest-first page finds its matches quickly by
  // walking the start index; one by duration walks every trace of the database by duration).
  const countFrom = candidates ?? raw("traces t");
  const countWhere = candidates
    ? traceConditions(search)
    : join([where, ...(termsMatch ? [termsMatch] : [])], " AND ");
  const pageFromCandidates = candidates !== null && search.sort !== "start";
  const pageFrom = pageFromCandidates ? countFrom : raw("traces t");
  const pageWhere = pageFromCandidates ? countWhere : where;
  const sortBy = raw(SORT_EXPRESSIONS[search.sort]);
  const pageOf = (conditions: Sql) =>
    sql`SELECT ${summaryColumns(sortBy)}
        FROM ${pageFrom}
        WHERE ${conditions} ${cursorCondition(search, sortBy)}
        ORDER BY ${sortBy} DESC, t.trace_id DESC
        LIMIT ${search.limit + 1}`;

  let rows: z.infer<typeof SummaryRow>[];
  let counted: number;
  if (termsMatch !== null && candidates === null) {
    // Found through the search terms: the count lists the matches (up to TOTAL_CAP + 1) rather
    // than counting them, and when that is all of them, the page is cut from that list. Sorting
    // and paging the traces the terms found in one query, PostgreSQL (which cannot know how rare
    // a term is: it assumes 0.5 % of the traces hold one it has no statistics for) walked the
    // start or duration index instead, over every trace of the window for a value few hold:
    // 0.4–1.5 s at 1M spans in an hour. Only with more matches than that is the page a query
    // of its own, as for the other searches (the matches are then common enough to walk to).
    const matches = await db.many(
      sql`SELECT t.trace_id, ${sortBy} AS sort_value FROM traces t WHERE ${countWhere} LIMIT ${TOTAL_CAP + 1}`,
      MatchRow,
    );
    counted = matches.length;
    rows =
      counted <= TOTAL_CAP
        ? await pageOfMatches(db, search, sortBy, matches)
        : await db.many(pageOf(pageWhere), SummaryRow);
  } else {
    const [page, count] = await Promise.all([
      db.many(pageOf(pageWhere), SummaryRow),
      db.one(
        sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${countFrom} WHERE ${countWhere} LIMIT ${TOTAL_CAP + 1}) AS capped`,
        CountRow,
      ),
    ]);
    rows = page;
    counted = Number(count?.n ?? 0);
  }
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

/** What a page reads of each trace (SummaryRow), with its sort key. */
function summaryColumns(sortBy: Sql): Sql {
  return sql`t.trace_id, t.start_time_unix_nano, t.end_time_unix_nano - t.start_time_unix_nano AS duration_nano,
             t.span_count, t.error_count, t.root_service_name, t.root_span_name, t.root_endpoint,
             t.services, ${sortBy} AS sort_value`;
}

/** The keyset condition of a page after the cursor's trace (empty on the first page). */
function cursorCondition(search: TraceSearch, sortBy: Sql): Sql {
  return search.cursor
    ? sql`AND (${sortBy}, t.trace_id) < (${search.cursor.value}::int8, ${Buffer.from(search.cursor.traceId, "hex")}::bytea)`
    : raw("");
}

type Match = z.infer<typeof MatchRow>;

/** Descending by sort value, then trace id: the order of every page. */
function compareMatches(a: Match, b: Match): number {
  const [x, y] = [BigInt(a.sort_value), BigInt(b.sort_value)];
  if (x !== y) return x > y ? -1 : 1;
  return Buffer.compare(b.trace_id, a.trace_id);
}

/** The page (one more than `limit`, to tell whether there is a next one) of a complete list of matches. */
async function pageOfMatches(
  db: Db,
  search: TraceSearch,
  sortBy: Sql,
  matches: Match[],
): Promise<z.infer<typeof SummaryRow>[]> {
  const cursor = search.cursor
    ? { sort_value: search.cursor.value, trace_id: Buffer.from(search.cursor.traceId, "hex") }
    : null;
  const page = matches
    .filter((match) => cursor === null || compareMatches(cursor, match) < 0)
    .sort(compareMatches)
    .slice(0, search.limit + 1);
  if (page.length === 0) return [];
  const rows = await db.many(
    sql`SELECT ${summaryColumns(sortBy)}
        FROM traces t WHERE t.trace_id = ANY(${page.map((match) => match.trace_id)}::bytea[])`,
    SummaryRow,
  );
  return rows.sort(compareMatches);
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

/** The conditions on the trace itself: window, duration, status. */
function traceConditions(search: TraceSearch): Sql {
  const conditions: Sql[] = [
    sql`t.start_time_unix_nano >= ${ms(search.from)} AND t.start_time_unix_nano < ${ms(search.to)}`,
  ];
  const duration = sql`(t.end_time_unix_nano - t.start_time_unix_nano)`;
  if (search.minDurationNanos !== null) conditions.push(sql`${duration} >= ${search.minDurationNanos}`);
  if (search.maxDurationNanos !== null) conditions.push(sql`${duration} <= ${search.maxDurationNanos}`);
  if (search.status === "error") conditions.push(sql`t.error_count > 0`);
  if (search.status === "ok") conditions.push(sql`t.error_count = 0`);
  return join(conditions, " AND ");
}

/**
 * The WHERE clause over `traces t` for everything but the cursor: the conditions on the trace's
 * summary, its search terms (null when not used) and the probe of its spans for the span
 * conditions (null without any).
 */
function matchConditions(
  search: TraceSearch,
  resourceServices: Array<string[]>,
  { unfiltered, unindexed }: Unsummarised,
): { traceWhere: Sql; termsMatch: Sql | null; spansMatch: Sql | null } {
  const from = ms(search.from);
  const conditions: Sql[] = [traceConditions(search)];
  // The terms every match holds (or the overflow term: it may hold any), through the GIN index;
  // unless the window holds traces stored before terms existed, which it would leave out. Not for
  // a service alone: `services` says it, and PostgreSQL, which takes the two conditions for
  // independent ones, would expect an eighth of the matches there are (and for a count, build a
  // bitmap of all of them where reading the first thousand takes milliseconds).
  const terms = unindexed || !hasSpanConditions(search) ? [] : searchTerms(search, resourceServices);
  const termsMatch =
    terms.length > 0
      ? sql`(t.search_terms @> ${terms}::int4[] OR t.search_terms @> ARRAY[${SEARCH_TERMS_OVERFLOW}]::int4[])`
      : null;

  const spanConditions = oneSpanConditions(search);
  if (spanConditions.length === 0 && search.service !== null) {
    // A service alone is a trace-level fact: the summary lists the trace's services.
    conditions.push(sql`${search.service} = ANY(t.services)`);
  } else if (spanConditions.length > 0) {
    if (search.service !== null) conditions.push(sql`${search.service} = ANY(t.services)`);
    const filter = searchFilterConditions(search, resourceServices);
    conditions.push(...filter.conditions);
    // The trace's own spans, found by its id and time bounds (the primary key, in the partitions
    // the trace touches); the lower bound lets a hash plan skip every partition before the window.
    // When the search filter rules traces out (and every trace of the window has one), OFFSET 0
    // keeps this a probe per remaining trace (PostgreSQL cannot turn such an EXISTS into a join):
    // otherwise the planner, which cannot estimate a Bloom filter, may hash every span of the
    // window that matches the conditions, 0.1–0.5 s at 1M spans an hour, where probing the
    // filter's survivors takes milliseconds.
    const spansMatch = sql`EXISTS (
      SELECT 1 FROM spans s
      WHERE s.trace_id = t.trace_id
        AND s.start_time_unix_nano >= t.start_time_unix_nano AND s.start_time_unix_nano <= t.end_time_unix_nano
        AND s.start_time_unix_nano >= ${from}
        AND ${join(spanConditions, " AND ")}
      ${raw(filter.rulesOut && !unfiltered ? "OFFSET 0" : "")})`;
    return { traceWhere: join(conditions, " AND "), termsMatch, spansMatch };
  }
  return { traceWhere: join(conditions, " AND "), termsMatch, spansMatch: null };
}

/**
 * What the trace's search filter must contain for a span to match: one mask for the name and
 * endpoint, one per attribute. An attribute some resources carry may be the span's resource's,
 * which the filter does not hold: for it, a trace of one of those resources' services may match
 * too. A NULL filter (a trace stored before filters existed) may match anything.
 */
function searchFilterConditions(
  search: TraceSearch,
  resourceServices: Array<string[]>,
): { conditions: Sql[]; rulesOut: boolean } {
  // `>=`, not `=`: the same test (the masked bits, a subset of the mask's, are at least the mask
  // as a binary number only when they are all of it), but PostgreSQL then estimates a third of
  // the traces to pass instead of 0.5 %, and walks the start index for a newest-first page
  // instead of collecting every match to sort.
  const mayMatch = (mask: Uint8Array) => {
    const text = searchBloomSqlText(mask);
    return sql`(t.search_bloom IS NULL OR (t.search_bloom & ${text}::bit(512)) >= ${text}::bit(512))`;
  };
  const conditions: Sql[] = [];
  // Whether a condition rules out by the filter alone: a resource's attribute keeps every trace
  // of its services, possibly most of the window, which is no reason to give up the planner's
  // choice.
  let rulesOut = false;
  if (search.name !== null || search.endpoint !== null) {
    const mask = emptySearchBloom();
    if (search.name !== null) mergeSearchBloom(mask, nameMask(search.name));
    if (search.endpoint !== null) mergeSearchBloom(mask, endpointMask(search.endpoint));
    conditions.push(mayMatch(mask));
    rulesOut = true;
  }
  search.attrs.forEach(({ key, value }, i) => {
    const mask = attributeMask(key, value);
    if (mask === null) return;
    const services = resourceServices[i] ?? [];
    if (services.length === 0) {
      conditions.push(mayMatch(mask));
      rulesOut = true;
    } else {
      conditions.push(sql`(${mayMatch(mask)} OR t.services && ${services}::text[])`);
    }
  });
  return { conditions, rulesOut };
}

/** Below this many requests of the service's endpoint, its traces are reached from its spans. */
const CANDIDATE_REQUESTS_MAX = 20_000;

const CandidateEstimateRow = z.object({ longest: z.string(), requests: z.string() });

/**
 * For counting the matches of a search naming a service and an endpoint: the traces that hold a
 * span with every span condition, read through the spans' endpoint index (service, endpoint,
 * start), as a FROM clause over `traces t` — or null when the window holds too many such
 * requests for that to beat the filtered scan (the rollups count them: endpoint_ten_minutes,
 * whole blocks, so an upper bound), or when a duration or status condition lets the filtered
 * count walk an index of its own and skip most candidates.
 * A matching span starts within its trace, so at or after the window's start and at most the
 * longest trace's duration after its end: that range holds every match, and the traces' own
 * conditions (traceConditions) then decide exactly.
 */
async function requestSpanCandidates(db: Db, search: TraceSearch): Promise<Sql | null> {
  if (search.service === null || search.endpoint === null) return null;
  if (search.minDurationNanos !== null || search.maxDurationNanos !== null || search.status !== null)
    return null;
  const from = ms(search.from);
  const to = ms(search.to);
  // The longest trace: the last entry of traces_duration_idx.
  const estimate = await db.one(
    sql`WITH longest AS (
          SELECT coalesce(max(end_time_unix_nano - start_time_unix_nano), 0) AS nanos FROM traces
        )
        SELECT (SELECT nanos FROM longest)::text AS longest,
               coalesce((SELECT sum(request_count) FROM endpoint_ten_minutes
                 WHERE service_name = ${search.service} AND endpoint = ${search.endpoint}
                   AND minute >= ${Math.floor(search.from / 600_000) * 10}
                   AND minute <= (${to} + (SELECT nanos FROM longest)) / 60000000000), 0)::text AS requests`,
    CandidateEstimateRow,
  );
  if (!estimate || Number(estimate.requests) > CANDIDATE_REQUESTS_MAX) return null;
  const until = to + BigInt(estimate.longest);
  // Each candidate's trace by its primary key (OFFSET 0 keeps the lateral a probe per candidate:
  // as a plain join, PostgreSQL hashed the candidates and read every trace of the window).
  return sql`(SELECT DISTINCT s.trace_id FROM spans s
               WHERE s.start_time_unix_nano >= ${from} AND s.start_time_unix_nano <= ${until}
                 AND ${join(oneSpanConditions(search), " AND ")}) AS c
             CROSS JOIN LATERAL (SELECT * FROM traces WHERE traces.trace_id = c.trace_id OFFSET 0) AS t`;
}

interface Unsummarised {
  /** traces stored before search filters existed (NULL search_bloom) */
  unfiltered: boolean;
  /** traces stored before search terms existed (NULL search_terms; the unfiltered too) */
  unindexed: boolean;
}

/**
 * Whether the window holds traces stored before search filters, or terms, existed. Unfiltered
 * traces all remain after the filter, and probing each would be slower than the planner's own
 * choice; unindexed ones would be left out by the terms, which are then not used. A partial index
 * holds only those of each kind, so each is one index lookup.
 */
async function windowHasUnsummarisedTraces(db: Db, search: TraceSearch): Promise<Unsummarised> {
  const window = sql`start_time_unix_nano >= ${ms(search.from)} AND start_time_unix_nano < ${ms(search.to)}`;
  const row = await db.one(
    sql`SELECT EXISTS (SELECT 1 FROM traces WHERE search_bloom IS NULL AND ${window}) AS unfiltered,
               EXISTS (SELECT 1 FROM traces WHERE search_terms IS NULL AND ${window}) AS unindexed`,
    UnsummarisedRow,
  );
  return row ?? { unfiltered: false, unindexed: false };
}

/**
 * The search terms a matching trace holds: its service's, and those of the one-span conditions
 * but a resource's attribute (the terms, like the filter, hold only the spans' own attributes) or
 * a value the filter cannot hold (attributeTerm).
 */
function searchTerms(search: TraceSearch, resourceServices: Array<string[]>): number[] {
  const terms: number[] = [];
  if (search.service !== null) terms.push(serviceTerm(search.service));
  if (search.name !== null) terms.push(nameTerm(search.name));
  if (search.endpoint !== null) terms.push(endpointTerm(search.endpoint));
  search.attrs.forEach(({ key, value }, i) => {
    const term = attributeTerm(key, value);
    if (term !== null && (resourceServices[i] ?? []).length === 0) terms.push(term);
  });
  return terms;
}

/** Per searched attribute, the services of the resources that carry it (one look at `resources`). */
async function servicesWithResourceAttributes(db: Db, search: TraceSearch): Promise<Array<string[]>> {
  if (search.attrs.length === 0) return [];
  const rows = await db.many(
    sql`SELECT a.i::int AS i, array_agg(DISTINCT r.service_name) AS services
        FROM unnest(${search.attrs.map((a) => a.key)}::text[], ${search.attrs.map((a) => a.value)}::text[])
             WITH ORDINALITY AS a(key, value, i)
        JOIN resources r ON r.attributes ->> a.key = a.value
        GROUP BY a.i`,
    ResourceServicesRow,
  );
  const services: Array<string[]> = search.attrs.map(() => []);
  for (const row of rows) services[row.i - 1] = row.services;
  return services;
}

function hasSpanConditions(search: TraceSearch): boolean {
  return search.endpoint !== null || search.name !== null || search.attrs.length > 0;
}

/** Conditions that must hold together on one span (`spans s`). */
function oneSpanConditions(search: TraceSearch): Sql[] {
  if (!hasSpanConditions(search)) return [];
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
