// Before and after (GET /api/compare): each endpoint of a service on two sides — two
// service.versions (from the request span's resource) or two time ranges — with count, error
// rate, p50/p95/p99, cache hit ratio and whether p95 changed beyond noise
// (lib/metrics/quantile-comparison.ts).
// Reads the request spans' durations (exact quantiles and their order-statistic intervals):
// bounded by the window and one service.
import { z } from "zod";
import type { CompareResponse, CompareSide } from "@/lib/contracts/compare-schemas";
import { type Db, raw, type Sql, sql } from "@/lib/db/sql";
import { compareP95, sideStats } from "@/lib/metrics/quantile-comparison";
import { BadRequestError } from "@/lib/model/request-errors";
import type { TimeWindow } from "@/lib/model/time-window";
import { REQUEST_ERROR_SQL } from "@/lib/semconv/request-error";

/** "version:1.4.0" or "range:FROM-TO" (epoch ms) */
export type SideSpec = { kind: "version"; version: string } | { kind: "range"; from: number; to: number };

export function parseSideSpec(name: string, text: string): SideSpec {
  if (text.startsWith("version:") && text.length > "version:".length) {
    return { kind: "version", version: text.slice("version:".length) };
  }
  const range = /^range:(\d+)-(\d+)$/.exec(text);
  if (range && Number(range[1]) < Number(range[2])) {
    return { kind: "range", from: Number(range[1]), to: Number(range[2]) };
  }
  throw new BadRequestError(
    `${name} must be version:VERSION or range:FROM-TO (epoch ms, FROM < TO), not "${text}"`,
  );
}

const specText = (spec: SideSpec) =>
  spec.kind === "version" ? `version:${spec.version}` : `range:${spec.from}-${spec.to}`;

const SideRow = z.object({
  endpoint: z.string(),
  side: z.enum(["baseline", "candidate"]),
  durations: z.array(z.string()),
  errors: z.number(),
  cache_lookups: z.number(),
  cache_hits: z.number(),
});
const VersionRow = z.object({ version: z.string() });

const VERSION = raw(
  `(SELECT r.attributes ->> 'service.version' FROM resources r WHERE r.id = s.resource_id)`,
);

function condition(spec: SideSpec): Sql {
  return spec.kind === "version"
    ? sql`${VERSION} = ${spec.version}`
    : sql`s.start_time_unix_nano >= ${BigInt(spec.from) * 1_000_000n} AND s.start_time_unix_nano < ${BigInt(spec.to) * 1_000_000n}`;
}

export async function getVersionComparison(
  db: Db,
  query: TimeWindow & { service: string; baseline: SideSpec | null; candidate: SideSpec | null },
): Promise<CompareResponse> {
  const from = BigInt(query.from) * 1_000_000n;
  const to = BigInt(query.to) * 1_000_000n;
  const requests = sql`FROM spans s WHERE s.service_name = ${query.service} AND s.endpoint IS NOT NULL
    AND s.start_time_unix_nano >= ${from} AND s.start_time_unix_nano < ${to}`;
  let { baseline, candidate } = query;
  if (baseline === null || candidate === null) {
    // the default: the newest version seen in the window against the one before it
    const versions = await db.many(
      sql`SELECT ${VERSION} AS version ${requests} AND ${VERSION} IS NOT NULL
          GROUP BY 1 ORDER BY min(s.start_time_unix_nano) DESC LIMIT 2`,
      VersionRow,
    );
    const [newest, previous] = versions;
    if (!newest || !previous) {
      throw new BadRequestError(
        `${query.service} has fewer than two service.versions in this window: pass baseline= and candidate= (version:V or range:FROM-TO)`,
      );
    }
    candidate ??= { kind: "version", version: newest.version };
    baseline ??= { kind: "version", version: previous.version };
  }
  const rows = await db.many(
    sql`SELECT sided.endpoint, sided.side,
               array_agg(sided.duration_nano ORDER BY sided.duration_nano)::text[] AS durations,
               count(*) FILTER (WHERE sided.error)::int AS errors,
               coalesce(sum(c.lookups), 0)::int AS cache_lookups, coalesce(sum(c.hits), 0)::int AS cache_hits
        FROM (SELECT s.trace_id, s.span_id, s.endpoint, s.duration_nano, ${raw(REQUEST_ERROR_SQL)} AS error,
                     CASE WHEN ${condition(baseline)} THEN 'baseline' WHEN ${condition(candidate)} THEN 'candidate' END AS side
              ${requests}) AS sided
        -- the request's attributed cache lookups (cache attribution, once the trace was quiet)
        LEFT JOIN request_cache_lookups c ON c.trace_id = sided.trace_id AND c.request_span_id = sided.span_id
        WHERE sided.side IS NOT NULL
        GROUP BY sided.endpoint, sided.side`,
    SideRow,
  );
  const byEndpoint = new Map<string, { baseline?: CompareSide; candidate?: CompareSide }>();
  for (const row of rows) {
    const stats = sideStats(row.durations.map((d) => Number(d) / 1e6));
    const entry = byEndpoint.get(row.endpoint) ?? {};
    entry[row.side] = {
      ...stats,
      errorRate: stats.count === 0 ? 0 : row.errors / stats.count,
      cacheLookups: row.cache_lookups,
      cacheHitRatio: row.cache_lookups === 0 ? null : row.cache_hits / row.cache_lookups,
    };
    byEndpoint.set(row.endpoint, entry);
  }
  const empty: CompareSide = { ...sideStats([]), errorRate: 0, cacheLookups: 0, cacheHitRatio: null };
  const endpoints = [...byEndpoint.entries()]
    .map(([endpoint, sides]) => {
      const b = sides.baseline ?? empty;
      const c = sides.candidate ?? empty;
      return { endpoint, baseline: b, candidate: c, change: compareP95(b, c) };
    })
    .sort(
      (a, b) => (b.change.p95Ratio ?? 0) - (a.change.p95Ratio ?? 0) || a.endpoint.localeCompare(b.endpoint),
    );
  return {
    from: query.from,
    to: query.to,
    baseline: specText(baseline),
    candidate: specText(candidate),
    endpoints,
  };
}
