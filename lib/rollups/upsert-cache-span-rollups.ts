// Counts cache lookups per cache span (name and system, e.g. "redis GET" / "redis") and minute at
// ingest, for the Caches view. Unlike endpoint ratios this needs no attribution: each lookup span
// speaks for itself. Only newly inserted spans arrive here, so retries never double count.
import type pg from "pg";
import type { SpanRow } from "@/lib/ingest/traces/span-row";
import { NANOS_PER_MINUTE } from "@/lib/rollups/minutes";

const UPSERT = `
INSERT INTO cache_span_minutes (minute, service_name, name, system, lookups, hits)
SELECT * FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::int8[])
ON CONFLICT (minute, service_name, name, system) DO UPDATE SET
  lookups = cache_span_minutes.lookups + excluded.lookups,
  hits = cache_span_minutes.hits + excluded.hits`;

const SEP = "\u0000";

export async function upsertCacheSpanRollups(client: pg.PoolClient, spans: SpanRow[]): Promise<void> {
  const counts = new Map<string, { lookups: number; hits: number }>();
  for (const span of spans) {
    if (span.cacheResult === null) continue;
    // "" stands for "no system": the column is part of the key and cannot be NULL.
    const key = [
      span.startTimeUnixNano / NANOS_PER_MINUTE,
      span.serviceName,
      span.name,
      span.cacheSystem ?? "",
    ].join(SEP);
    const count = counts.get(key) ?? { lookups: 0, hits: 0 };
    count.lookups++;
    if (span.cacheResult === 1) count.hits++;
    counts.set(key, count);
  }
  if (counts.size === 0) return;
  const rows = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const keys = rows.map(([key]) => key.split(SEP));
  await client.query(UPSERT, [
    ...[0, 1, 2, 3].map((column) => keys.map((key) => key[column])),
    rows.map(([, c]) => c.lookups),
    rows.map(([, c]) => c.hits),
  ]);
}
