// cache_miss_cost findings: for each endpoint whose requests look things up in a cache, the
// latency of requests that missed at least once against those that only hit (the cache latency
// rollups, endpoint_cache_latency, kept by cache attribution), and what turning the misses into
// hits would save: (miss p50 − hit p50) per missed request. Examples are the slowest missed
// requests (request_cache_lookups), linked by their request span.
import { z } from "zod";
import type { Insight, NearMiss } from "@/lib/contracts/insight-schemas";
import { type Db, sql } from "@/lib/db/sql";
import { compositeKey } from "@/lib/model/composite-key";
import type { TimeWindow } from "@/lib/model/time-window";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { msToMinute } from "@/lib/rollups/minutes";

const EXAMPLES = 3;
/** Cache outcome of a request: 0 at least one miss, 1 hits only (cache-attribution-analyzer.ts). */
const MISSED = 0;

const LatencyRow = z.object({
  service_name: z.string(),
  endpoint: z.string(),
  outcome: z.number(),
  bucket: z.number(),
  requests: z.number(),
});
const ExampleRow = z.object({
  service_name: z.string(),
  endpoint: z.string(),
  examples: z.array(z.string()),
});

export async function getCacheMissCosts(
  db: Db,
  query: TimeWindow & { service: string | null; endpoint: string | null },
): Promise<{ findings: Insight[]; nearMisses: NearMiss[] }> {
  const rows = sql`minute >= ${msToMinute(query.from)} AND minute < ${msToMinute(query.to)}
    ${query.service === null ? sql`` : sql`AND service_name = ${query.service}`}
    ${query.endpoint === null ? sql`` : sql`AND endpoint = ${query.endpoint}`}`;
  const latency = await db.many(
    sql`SELECT service_name, endpoint, outcome, bucket, sum(requests)::float8 AS requests
        FROM endpoint_cache_latency WHERE ${rows}
        GROUP BY service_name, endpoint, outcome, bucket
        HAVING sum(requests) > 0`,
    LatencyRow,
  );
  const byEndpoint = new Map<
    string,
    { service: string; endpoint: string; missed: Histogram; hit: Histogram }
  >();
  for (const row of latency) {
    const key = compositeKey(row.service_name, row.endpoint);
    let entry = byEndpoint.get(key);
    if (!entry) {
      entry = {
        service: row.service_name,
        endpoint: row.endpoint,
        missed: new Histogram(),
        hit: new Histogram(),
      };
      byEndpoint.set(key, entry);
    }
    (row.outcome === MISSED ? entry.missed : entry.hit).add(row.bucket, row.requests);
  }
  const compared = [...byEndpoint.values()].flatMap((entry) => {
    const missed = entry.missed.percentilesMs();
    const hit = entry.hit.percentilesMs();
    if (missed.p50Ms === null || hit.p50Ms === null) return [];
    return [
      { ...entry, missedP50: missed.p50Ms, hitP50: hit.p50Ms, missedP95: missed.p95Ms, hitP95: hit.p95Ms },
    ];
  });
  // Requests that missed but were not slower than those that only hit: why nothing is flagged.
  const even = compared.filter((entry) => entry.missedP50 <= entry.hitP50);
  const costly = compared.filter((entry) => entry.missedP50 > entry.hitP50);
  // near misses are only read for one endpoint (the endpoint page)
  if (costly.length === 0 && (query.endpoint === null || even.length === 0))
    return { findings: [], nearMisses: [] };

  const examples = await db.many(
    sql`SELECT service_name, endpoint,
               (array_agg(encode(trace_id, 'hex') || ':' || encode(request_span_id, 'hex')
                          ORDER BY duration_nano DESC, trace_id))[1:${EXAMPLES}] AS examples
        FROM request_cache_lookups
        WHERE ${rows} AND hits < lookups
          AND service_name = ANY(${compared.map((c) => c.service)}::text[])
        GROUP BY service_name, endpoint`,
    ExampleRow,
  );
  const examplesOf = new Map(
    examples.map((row) => [compositeKey(row.service_name, row.endpoint), row.examples]),
  );
  const examplesFor = (entry: { service: string; endpoint: string }, timeSavedMs: number) =>
    (examplesOf.get(compositeKey(entry.service, entry.endpoint)) ?? []).map((text) => {
      const [traceId = "", spanId = ""] = text.split(":");
      return { traceId, spanIds: [spanId], timeSavedMs };
    });
  const findings = costly.map((entry): Insight => {
    const missedRequests = entry.missed.total;
    const timeSavedMs = entry.missedP50 - entry.hitP50;
    return {
      kind: "cache_miss_cost",
      service: entry.service,
      endpoint: entry.endpoint,
      key: "requests that missed the cache",
      requests: missedRequests,
      endpointRequests: missedRequests + entry.hit.total,
      share: missedRequests / (missedRequests + entry.hit.total),
      maxCount: 1,
      timeSavedMs,
      totalTimeSavedMs: timeSavedMs * missedRequests,
      cache: {
        missedP50Ms: entry.missedP50,
        missedP95Ms: entry.missedP95 ?? entry.missedP50,
        hitP50Ms: entry.hitP50,
        hitP95Ms: entry.hitP95 ?? entry.hitP50,
      },
      examples: examplesFor(entry, timeSavedMs),
    };
  });
  const nearMisses = even.map(
    (entry): NearMiss => ({
      kind: "cache_miss_cost",
      service: entry.service,
      endpoint: entry.endpoint,
      key: "requests that missed the cache",
      requests: entry.missed.total,
      reason: `requests that missed the cache are not slower than those that only hit (p50 ${entry.missedP50.toFixed(1)} ms against ${entry.hitP50.toFixed(1)} ms): a better hit ratio would save nothing measurable`,
      examples: examplesFor(entry, 0),
    }),
  );
  return { findings, nearMisses };
}
