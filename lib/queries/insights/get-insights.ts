// The detectors' findings in a window (trace_findings, written by lib/analysis/insights), the
// slow statements (get-slow-queries.ts) and the cache misses' cost (get-cache-miss-costs.ts), one
// per service, endpoint, kind and normalised call, ranked by the total time a fix would save
// (GET /api/insights). Each carries the endpoint's request count for its share, and the examples
// that would save the most with their offending span ids.
import { z } from "zod";
import {
  type Insight,
  type InsightKind,
  type InsightsResponse,
  insightKindSchema,
} from "@/lib/contracts/insight-schemas";
import { type Db, sql } from "@/lib/db/sql";
import { getCacheMissCosts } from "@/lib/queries/insights/get-cache-miss-costs";
import { getNearMisses } from "@/lib/queries/insights/get-near-misses";
import { getSlowQueries } from "@/lib/queries/insights/get-slow-queries";
import { exampleText, parseExample } from "@/lib/queries/insights/insight-examples";

const EXAMPLES = 3;
const NANOS_PER_MS = 1e6;

const FindingRow = z.object({
  kind: z.string(),
  service_name: z.string(),
  endpoint: z.string(),
  call_key: z.string(),
  requests: z.string(),
  max_count: z.number(),
  total_saved: z.string(),
  examples: z.array(z.string()),
  endpoint_requests: z.string(),
});

export interface InsightsQuery {
  from: number;
  to: number;
  service: string | null;
  endpoint: string | null;
  limit: number;
  /** INSIGHTS_SLOW_QUERY_MS: a statement whose p95 over the window is above it is a slow query */
  slowQueryMs: number;
}

export async function getInsights(db: Db, query: InsightsQuery): Promise<InsightsResponse> {
  const from = BigInt(query.from) * 1_000_000n;
  const to = BigInt(query.to) * 1_000_000n;
  const [rows, slowQueries, cacheMissCosts] = await Promise.all([
    db.many(
      sql`WITH grouped AS (
          SELECT kind, service_name, endpoint, call_key,
                 count(*) AS requests, max(call_count) AS max_count, sum(time_saved_nano) AS total_saved,
                 (array_agg(${exampleText("time_saved_nano", "span_ids")}
                            ORDER BY time_saved_nano DESC, trace_id))[1:${EXAMPLES}] AS examples
          FROM trace_findings
          WHERE request_start_unix_nano >= ${from} AND request_start_unix_nano < ${to} AND near_miss IS NULL
            ${query.service === null ? sql`` : sql`AND service_name = ${query.service}`}
            ${query.endpoint === null ? sql`` : sql`AND endpoint = ${query.endpoint}`}
          GROUP BY kind, service_name, endpoint, call_key
          ORDER BY sum(time_saved_nano) DESC, kind, service_name, endpoint, call_key
          LIMIT ${query.limit})
        SELECT g.*, e.endpoint_requests
        FROM grouped g
        CROSS JOIN LATERAL (
          SELECT count(*) AS endpoint_requests FROM spans s
          WHERE s.service_name = g.service_name AND s.endpoint = g.endpoint
            AND s.start_time_unix_nano >= ${from} AND s.start_time_unix_nano < ${to}) e
        ORDER BY g.total_saved DESC, g.kind, g.service_name, g.endpoint, g.call_key`,
      FindingRow,
    ),
    getSlowQueries(db, {
      from,
      to,
      service: query.service,
      endpoint: query.endpoint,
      thresholdMs: query.slowQueryMs,
    }),
    getCacheMissCosts(db, query),
  ]);
  const nearMisses =
    query.service !== null && query.endpoint !== null
      ? [
          ...(await getNearMisses(db, { from, to, service: query.service, endpoint: query.endpoint })),
          ...slowQueries.nearMisses,
          ...cacheMissCosts.nearMisses,
        ]
      : [];
  const findings = [...rows.map(toInsight), ...slowQueries.findings, ...cacheMissCosts.findings]
    .sort((a, b) => b.totalTimeSavedMs - a.totalTimeSavedMs)
    .slice(0, query.limit);
  return { from: query.from, to: query.to, findings, nearMisses };
}

function toInsight(row: z.infer<typeof FindingRow>): Insight {
  const requests = Number(row.requests);
  const endpointRequests = Math.max(Number(row.endpoint_requests), requests);
  const totalTimeSavedMs = Number(row.total_saved) / NANOS_PER_MS;
  return {
    kind: insightKindSchema.parse(row.kind) satisfies InsightKind,
    service: row.service_name,
    endpoint: row.endpoint,
    key: row.call_key,
    requests,
    endpointRequests,
    share: endpointRequests === 0 ? 0 : requests / endpointRequests,
    maxCount: row.max_count,
    timeSavedMs: requests === 0 ? 0 : totalTimeSavedMs / requests,
    totalTimeSavedMs,
    examples: row.examples.map(parseExample),
  };
}
