// Counts cache lookups per cache span (name and system, e.g. "redis GET" / "redis") and minute at
// ingest, for the Caches view. Unlike endpoint ratios this needs no attribution: each lookup span
// speaks for itself. Only newly inserted spans arrive here, so retries never double count.
import { type Db, sql } from "@/lib/db/sql";
import type { SpanRow } from "@/lib/ingest/traces/span-row";
import { compositeKey, keyedColumns } from "@/lib/model/composite-key";
import { NANOS_PER_MINUTE } from "@/lib/rollups/minutes";

export async function upsertCacheSpanRollups(tx: Db, spans: SpanRow[]): Promise<void> {
  const counts = new Map<string, { lookups: number; hits: number }>();
  for (const span of spans) {
    if (span.cacheResult === null) continue;
    // "" stands for "no system": the column is part of the key and cannot be NULL.
    const key = compositeKey(
      span.startTimeUnixNano / NANOS_PER_MINUTE,
      span.serviceName,
      span.name,
      span.cacheSystem ?? "",
    );
    const count = counts.get(key) ?? { lookups: 0, hits: 0 };
    count.lookups++;
    if (span.cacheResult === 1) count.hits++;
    counts.set(key, count);
  }
  if (counts.size === 0) return;
  const { keys, values } = keyedColumns(counts, 4);
  await tx.execute(
    sql`INSERT INTO cache_span_minutes (minute, service_name, name, system, lookups, hits)
        SELECT * FROM unnest(${keys[0]}::int8[], ${keys[1]}::text[], ${keys[2]}::text[], ${keys[3]}::text[],
          ${values.map((c) => c.lookups)}::int8[], ${values.map((c) => c.hits)}::int8[])
        ON CONFLICT (minute, service_name, name, system) DO UPDATE SET
          lookups = cache_span_minutes.lookups + excluded.lookups,
          hits = cache_span_minutes.hits + excluded.hits`,
  );
}
