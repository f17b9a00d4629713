// What an endpoint's slow requests have in common (GET /api/endpoints/outliers): the requests
// above the endpoint's p95 in the window against the rest, and every attribute value of the
// request span and its resource — plus shape features: error, the insight kinds found in the
// request, its cache outcome — counted on both sides in full (no sampling), ranked by how much
// more often the value appears among the slow. Ids and other high-cardinality keys are left out:
// a value seen on one request says nothing shared. With a `selection` (a stretch of time chosen on
// the latency chart) the requests that started in it are the set compared with the rest instead.
import { z } from "zod";
import type { OutlierAttribute, OutliersResponse } from "@/lib/contracts/outlier-schemas";
import { type Db, raw, sql } from "@/lib/db/sql";
import type { TimeWindow } from "@/lib/model/time-window";
import { REQUEST_ERROR_SQL } from "@/lib/semconv/request-error";

/** keys that name one thing each (ids), whatever their cardinality in the window */
const ID_KEY = /(^|[._])(id|uuid|trace_?id|span_?id)$|^url\.(full|query)$|^http\.(url|target)$/i;
/** a key with more distinct values than this share of the requests is an id in disguise */
const MAX_DISTINCT_SHARE = 0.5;
const MIN_DISTINCT_FOR_CARDINALITY_RULE = 10;

const CountRow = z.object({
  source: z.enum(["span", "resource", "shape"]),
  key: z.string(),
  value: z.string(),
  slow_count: z.number(),
  rest_count: z.number(),
  distinct_values: z.number(),
});
const TotalsRow = z.object({ threshold: z.string().nullable(), slow: z.number(), rest: z.number() });

export async function getEndpointOutliers(
  db: Db,
  query: TimeWindow & { service: string; endpoint: string; limit: number; selection: TimeWindow | null },
): Promise<OutliersResponse> {
  const from = BigInt(query.from) * 1_000_000n;
  const to = BigInt(query.to) * 1_000_000n;
  const { selection } = query;
  const slow =
    selection === null
      ? sql`r.duration_nano > t.p95`
      : sql`r.start_time_unix_nano >= ${BigInt(selection.from) * 1_000_000n} AND r.start_time_unix_nano < ${BigInt(selection.to) * 1_000_000n}`;
  const flagged = sql`requests AS MATERIALIZED (
      SELECT trace_id, span_id, start_time_unix_nano, duration_nano, attributes, resource_id, ${raw(REQUEST_ERROR_SQL)} AS error
      FROM spans
      WHERE service_name = ${query.service} AND endpoint = ${query.endpoint}
        AND start_time_unix_nano >= ${from} AND start_time_unix_nano < ${to}),
    threshold AS (SELECT percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_nano) AS p95 FROM requests),
    flagged AS MATERIALIZED (SELECT r.*, ${slow} AS slow FROM requests r CROSS JOIN threshold t)`;
  const [totals, rows] = await Promise.all([
    db.one(
      sql`WITH ${flagged}
          SELECT (SELECT p95 FROM threshold) AS threshold,
                 count(*) FILTER (WHERE slow)::int AS slow, count(*) FILTER (WHERE NOT slow)::int AS rest
          FROM flagged`,
      TotalsRow,
    ),
    db.many(
      sql`WITH ${flagged},
          features AS (
            SELECT f.slow, 'span' AS source, a.key, a.value
            FROM flagged f CROSS JOIN LATERAL jsonb_each_text(f.attributes) a
            UNION ALL
            SELECT f.slow, 'resource', a.key, a.value
            FROM flagged f JOIN resources res ON res.id = f.resource_id
            CROSS JOIN LATERAL jsonb_each_text(res.attributes) a
            UNION ALL
            SELECT f.slow, 'shape', 'error', f.error::text FROM flagged f
            UNION ALL
            SELECT DISTINCT ON (f.trace_id, f.span_id, tf.kind) f.slow, 'shape', 'insight', tf.kind
            FROM flagged f JOIN trace_findings tf ON tf.trace_id = f.trace_id AND tf.request_span_id = f.span_id
            UNION ALL
            -- a call over the slow-query threshold (the statement's p95 is the insight's test)
            SELECT f.slow, 'shape', 'insight', 'slow_query' FROM flagged f
            WHERE EXISTS (SELECT 1 FROM request_statements rs
                          WHERE rs.trace_id = f.trace_id AND rs.request_span_id = f.span_id
                            AND cardinality(rs.slow_span_ids) > 0)
            UNION ALL
            SELECT f.slow, 'shape', 'cache', CASE WHEN c.hits < c.lookups THEN 'missed' ELSE 'hit only' END
            FROM flagged f JOIN request_cache_lookups c ON c.trace_id = f.trace_id AND c.request_span_id = f.span_id)
          SELECT source, key, value,
                 count(*) FILTER (WHERE slow)::int AS slow_count, count(*) FILTER (WHERE NOT slow)::int AS rest_count,
                 (count(*) OVER (PARTITION BY source, key))::int AS distinct_values
          FROM features
          GROUP BY source, key, value`,
      CountRow,
    ),
  ]);
  const slowTotal = totals?.slow ?? 0;
  const restTotal = totals?.rest ?? 0;
  const requests = slowTotal + restTotal;
  const attributes = rows
    .filter(
      (row) =>
        !ID_KEY.test(row.key) &&
        !(
          row.distinct_values >= MIN_DISTINCT_FOR_CARDINALITY_RULE &&
          row.distinct_values > MAX_DISTINCT_SHARE * requests
        ),
    )
    .map(
      (row): OutlierAttribute => ({
        source: row.source,
        key: row.key,
        value: row.value,
        slowCount: row.slow_count,
        slowShare: slowTotal === 0 ? 0 : row.slow_count / slowTotal,
        restCount: row.rest_count,
        restShare: restTotal === 0 ? 0 : row.rest_count / restTotal,
      }),
    )
    .filter((a) => a.slowCount > 0 && a.slowShare > a.restShare)
    .sort(
      (a, b) =>
        b.slowShare - b.restShare - (a.slowShare - a.restShare) ||
        b.slowCount - a.slowCount ||
        a.key.localeCompare(b.key) ||
        a.value.localeCompare(b.value),
    )
    .slice(0, query.limit);
  return {
    from: query.from,
    to: query.to,
    selection,
    thresholdMs: selection !== null || totals?.threshold == null ? null : Number(totals.threshold) / 1e6,
    slowCount: slowTotal,
    restCount: restTotal,
    attributes,
  };
}
