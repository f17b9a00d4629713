// GET /api/endpoints?version=V: requests, errors and p50/p95/p99 per endpoint counting only the
// requests of service.version V (from the request span's resource), for `tracewell check
// --version V` after a deploy. The rollups carry no version, so this reads the request spans of
// the window (exact quantiles); bounded by the window and, when given, the service.
import { z } from "zod";
import { type Db, raw, sql } from "@/lib/db/sql";
import type { EndpointSummary } from "@/lib/model/endpoints";
import type { TimeWindow } from "@/lib/model/time-window";
import { REQUEST_ERROR_SQL } from "@/lib/semconv/request-error";

const Row = z.object({
  service_name: z.string(),
  endpoint: z.string(),
  requests: z.number(),
  errors: z.number(),
  quantiles: z.array(z.number()),
});

export async function getVersionEndpointSummaries(
  db: Db,
  window: TimeWindow,
  version: string,
  service?: string,
): Promise<EndpointSummary[]> {
  const rows = await db.many(
    sql`SELECT s.service_name, s.endpoint, count(*)::float8 AS requests,
               count(*) FILTER (WHERE ${raw(REQUEST_ERROR_SQL)})::float8 AS errors,
               percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY s.duration_nano)::float8[] AS quantiles
        FROM spans s JOIN resources r ON r.id = s.resource_id
        WHERE s.endpoint IS NOT NULL
          AND s.start_time_unix_nano >= ${BigInt(window.from) * 1_000_000n}
          AND s.start_time_unix_nano < ${BigInt(window.to) * 1_000_000n}
          AND r.attributes ->> 'service.version' = ${version}
          AND (${service ?? null}::text IS NULL OR s.service_name = ${service ?? null})
        GROUP BY s.service_name, s.endpoint`,
    Row,
  );
  const ms = (nanos: number | undefined) => (nanos === undefined ? null : nanos / 1e6);
  return rows
    .map((row) => ({
      service: row.service_name,
      endpoint: row.endpoint,
      count: row.requests,
      errorCount: row.errors,
      errorRate: row.requests > 0 ? row.errors / row.requests : 0,
      p50Ms: ms(row.quantiles[0]),
      p95Ms: ms(row.quantiles[1]),
      p99Ms: ms(row.quantiles[2]),
      cacheHitRatio: null,
      cacheLookups: 0,
    }))
    .sort((a, b) => a.service.localeCompare(b.service) || b.count - a.count);
}
