// slow_query findings and near misses: normalised database statements whose p95 over the window
// is above the threshold (or, for a near miss, at least half of it), from what the insights
// analyser recorded per request and statement (request_statements). A statement's p95 comes from
// its calls' histograms merged over the window (within 1.5 %, docs/percentiles.md); its share of
// the endpoint's time from the endpoint's requests in `spans`.
import { z } from "zod";
import type { Insight, NearMiss } from "@/lib/contracts/insight-schemas";
import { type Db, sql } from "@/lib/db/sql";
import { compositeKey } from "@/lib/model/composite-key";
import { exampleText, parseExample } from "@/lib/queries/insights/insight-examples";
import { Histogram } from "@/lib/rollups/latency-histogram";

const EXAMPLES = 3;
const COUNT_MASK = 2 ** 40 - 1;

const GroupRow = z.object({
  service_name: z.string(),
  endpoint: z.string(),
  call_key: z.string(),
  requests: z.number(),
  calls: z.number(),
  total: z.number(),
  slow_requests: z.number(),
  slow_calls: z.number(),
  max_slow_calls: z.number(),
  excess: z.number(),
  max_nano: z.number(),
  examples: z.array(z.string()),
});
const BucketRow = z.object({
  service_name: z.string(),
  endpoint: z.string(),
  call_key: z.string(),
  bucket: z.number(),
  n: z.number(),
});
const EndpointRow = z.object({
  service_name: z.string(),
  endpoint: z.string(),
  requests: z.number(),
  total: z.number(),
});

export interface SlowQueriesQuery {
  /** nanoseconds since the epoch */
  from: bigint;
  to: bigint;
  service: string | null;
  endpoint: string | null;
  thresholdMs: number;
}

export async function getSlowQueries(
  db: Db,
  query: SlowQueriesQuery,
): Promise<{ findings: Insight[]; nearMisses: NearMiss[] }> {
  const threshold = query.thresholdMs * 1e6;
  const rows = sql`request_start_unix_nano >= ${query.from} AND request_start_unix_nano < ${query.to}
    ${query.service === null ? sql`` : sql`AND service_name = ${query.service}`}
    ${query.endpoint === null ? sql`` : sql`AND endpoint = ${query.endpoint}`}`;
  // Only statements with a call of at least half the threshold can have a p95 that high.
  const groups = await db.many(
    sql`SELECT service_name, endpoint, call_key, count(*)::float8 AS requests, sum(calls)::float8 AS calls,
               sum(total_nano)::float8 AS total,
               count(*) FILTER (WHERE cardinality(slow_span_ids) > 0)::float8 AS slow_requests,
               sum(cardinality(slow_span_ids))::float8 AS slow_calls,
               max(cardinality(slow_span_ids))::float8 AS max_slow_calls,
               sum(excess_nano)::float8 AS excess, max(slowest_nano)::float8 AS max_nano,
               (array_agg(${exampleText(
                 "excess_nano",
                 "CASE WHEN cardinality(slow_span_ids) > 0 THEN slow_span_ids ELSE ARRAY[slowest_span_id] END",
               )}
                          ORDER BY excess_nano DESC, slowest_nano DESC, trace_id))[1:${EXAMPLES}] AS examples
        FROM request_statements WHERE ${rows}
        GROUP BY service_name, endpoint, call_key
        HAVING max(slowest_nano) * 2 >= ${threshold}`,
    GroupRow,
  );
  if (groups.length === 0) return { findings: [], nearMisses: [] };

  const [buckets, endpoints] = await Promise.all([
    db.many(
      sql`SELECT rs.service_name, rs.endpoint, rs.call_key, (h >> 40)::int AS bucket,
                 sum(h & ${COUNT_MASK})::float8 AS n
          FROM request_statements rs CROSS JOIN LATERAL unnest(rs.latency_histogram) AS h
          WHERE ${rows}
            AND (rs.service_name, rs.endpoint, rs.call_key) IN (
              SELECT * FROM unnest(${groups.map((g) => g.service_name)}::text[],
                                   ${groups.map((g) => g.endpoint)}::text[], ${groups.map((g) => g.call_key)}::text[]))
          GROUP BY 1, 2, 3, 4`,
      BucketRow,
    ),
    db.many(
      sql`SELECT service_name, endpoint, count(*)::float8 AS requests, sum(duration_nano)::float8 AS total
          FROM spans
          WHERE endpoint IS NOT NULL AND start_time_unix_nano >= ${query.from} AND start_time_unix_nano < ${query.to}
            AND (service_name, endpoint) IN (
              SELECT DISTINCT * FROM unnest(${groups.map((g) => g.service_name)}::text[], ${groups.map((g) => g.endpoint)}::text[]))
          GROUP BY service_name, endpoint`,
      EndpointRow,
    ),
  ]);
  const histograms = new Map<string, Histogram>();
  for (const row of buckets) {
    const key = compositeKey(row.service_name, row.endpoint, row.call_key);
    let histogram = histograms.get(key);
    if (!histogram) {
      histogram = new Histogram();
      histograms.set(key, histogram);
    }
    histogram.add(row.bucket, row.n);
  }
  const endpointOf = new Map(endpoints.map((row) => [compositeKey(row.service_name, row.endpoint), row]));

  const findings: Insight[] = [];
  const nearMisses: NearMiss[] = [];
  for (const group of groups) {
    const { p50Ms, p95Ms } = (
      histograms.get(compositeKey(group.service_name, group.endpoint, group.call_key)) ?? new Histogram()
    ).percentilesMs();
    if (p50Ms === null || p95Ms === null) continue;
    const examples = group.examples.map(parseExample);
    if (p95Ms > query.thresholdMs) {
      const endpointRow = endpointOf.get(compositeKey(group.service_name, group.endpoint));
      const affected = Math.max(group.slow_requests, 1);
      const endpointRequests = Math.max(endpointRow?.requests ?? 0, group.requests);
      findings.push({
        kind: "slow_query",
        service: group.service_name,
        endpoint: group.endpoint,
        key: group.call_key,
        requests: group.slow_requests,
        endpointRequests,
        share: group.slow_requests / endpointRequests,
        maxCount: group.max_slow_calls,
        timeSavedMs: group.excess / 1e6 / affected,
        totalTimeSavedMs: group.excess / 1e6,
        statement: {
          calls: group.calls,
          requests: group.requests,
          p50Ms,
          p95Ms,
          maxMs: group.max_nano / 1e6,
          totalMs: group.total / 1e6,
          endpointTimeShare: endpointRow && endpointRow.total > 0 ? group.total / endpointRow.total : 0,
        },
        examples,
      });
    } else if (query.endpoint !== null && p95Ms * 2 >= query.thresholdMs) {
      const slower =
        group.slow_calls > 0
          ? `; ${group.slow_calls.toLocaleString("en-US")} of them took longer than ${query.thresholdMs} ms`
          : "";
      nearMisses.push({
        kind: "slow_query",
        service: group.service_name,
        endpoint: group.endpoint,
        key: group.call_key,
        requests: group.requests,
        reason: `p95 ${p95Ms.toFixed(1)} ms over ${group.calls.toLocaleString("en-US")} calls: below the threshold of ${query.thresholdMs} ms${slower}`,
        examples,
      });
    }
  }
  return { findings, nearMisses };
}
