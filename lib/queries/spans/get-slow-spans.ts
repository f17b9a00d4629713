// Where the requests of an endpoint (or of a whole service) spend their time: the spans running
// inside those requests — same trace, starting within the request — grouped by service and
// normalised name (the statement for database spans), heaviest total first (GET /api/spans/slow).
// Both scans are bounded by time: requests starting in the window, spans from the window's start
// to the latest request end.
import { z } from "zod";
import type { SlowSpanGroup, SlowSpansResponse } from "@/lib/contracts/slow-span-schemas";
import { type Db, sql } from "@/lib/db/sql";

const EXAMPLES = 3;

// Literals and ids out, so "WHERE id = 42" and "WHERE id = 43" are one statement: quoted strings,
// UUIDs, long hex tokens and numbers become "?", then lists of them "(?)", then spaces collapse.
const NORMALISED_NAME = sql`left(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    coalesce(s.attributes ->> 'db.query.text', s.attributes ->> 'db.statement', s.name),
    '''(?:[^'']|'''')*''', '?', 'g'),
    '\\m[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\M|\\m[0-9a-fA-F]{16,}\\M', '?', 'g'),
    '\\m-?\\d+(\\.\\d+)?\\M', '?', 'g'),
    '\\(\\s*\\?(\\s*,\\s*\\?)*\\s*\\)', '(?)', 'g'),
    '\\s+', ' ', 'g'), 300)`;

const GroupRow = z.object({
  service_name: z.string(),
  key: z.string(),
  count: z.string(),
  p50: z.number(),
  p95: z.number(),
  max: z.string(),
  total: z.string(),
  examples: z.array(z.string()),
});
const TotalsRow = z.object({ requests: z.string(), total: z.string().nullable() });

export interface SlowSpansQuery {
  from: number;
  to: number;
  service: string;
  endpoint: string | null;
  limit: number;
}

export async function getSlowSpans(db: Db, query: SlowSpansQuery): Promise<SlowSpansResponse> {
  const from = BigInt(query.from) * 1_000_000n;
  const to = BigInt(query.to) * 1_000_000n;
  const requests = sql`SELECT trace_id, span_id, start_time_unix_nano AS start_ns,
           start_time_unix_nano + duration_nano AS end_ns, duration_nano
    FROM spans
    WHERE service_name = ${query.service} AND ${query.endpoint === null ? sql`endpoint IS NOT NULL` : sql`endpoint = ${query.endpoint}`}
      AND start_time_unix_nano >= ${from} AND start_time_unix_nano < ${to}`;
  const [groups, totals] = await Promise.all([
    db.many(
      sql`WITH requests AS MATERIALIZED (${requests}),
          inside AS (
            SELECT s.trace_id, s.span_id, s.service_name, s.duration_nano, ${NORMALISED_NAME} AS key
            FROM spans s
            WHERE s.start_time_unix_nano >= ${from}
              AND s.start_time_unix_nano <= (SELECT coalesce(max(end_ns), ${from}) FROM requests)
              AND EXISTS (SELECT 1 FROM requests r
                          WHERE r.trace_id = s.trace_id AND r.span_id <> s.span_id
                            AND s.start_time_unix_nano BETWEEN r.start_ns AND r.end_ns))
          SELECT service_name, key, count(*) AS count,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_nano) AS p50,
                 percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_nano) AS p95,
                 max(duration_nano) AS max, sum(duration_nano) AS total,
                 (array_agg(encode(trace_id, 'hex') || ':' || encode(span_id, 'hex') || ':' || duration_nano
                            ORDER BY duration_nano DESC, trace_id, span_id))[1:${EXAMPLES}] AS examples
          FROM inside
          GROUP BY service_name, key
          ORDER BY sum(duration_nano) DESC, service_name, key
          LIMIT ${query.limit}`,
      GroupRow,
    ),
    db.one(
      sql`SELECT count(*) AS requests, sum(duration_nano) AS total FROM (${requests}) AS requests`,
      TotalsRow,
    ),
  ]);
  const requestTimeNanos = Number(totals?.total ?? 0);
  return {
    from: query.from,
    to: query.to,
    requestCount: Number(totals?.requests ?? 0),
    requestTimeMs: requestTimeNanos / 1e6,
    groups: groups.map(
      (row): SlowSpanGroup => ({
        service: row.service_name,
        name: row.key,
        count: Number(row.count),
        p50Ms: row.p50 / 1e6,
        p95Ms: row.p95 / 1e6,
        maxMs: Number(row.max) / 1e6,
        totalMs: Number(row.total) / 1e6,
        share: requestTimeNanos > 0 ? Number(row.total) / requestTimeNanos : 0,
        examples: row.examples.map((example) => {
          const [traceId = "", spanId = "", duration = "0"] = example.split(":");
          return { traceId, spanId, durationMs: Number(duration) / 1e6 };
        }),
      }),
    ),
  };
}
