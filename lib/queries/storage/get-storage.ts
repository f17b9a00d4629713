// GET /api/storage: rows (estimated from pg_class.reltuples, summed over day partitions), bytes
// (pg_total_relation_size: table, indexes and TOAST) and the oldest data kept, per kind of data.
// Cheap at any size: statistics and index ends only, no count(*) over millions of rows. Rows are
// checked, not transformed, by the zod schemas: sizes come back as float8 (JS numbers).
import { z } from "zod";
import type { StorageResponse, StorageUsage } from "@/lib/contracts/storage-schema";
import { type Db, sql } from "@/lib/db/sql";

const UsageRow = z.object({
  kind: z.enum(["spans", "traces", "rollups", "metrics"]),
  rows: z.number(),
  bytes: z.number(),
});
const OldestRow = z.object({
  spans: z.string().nullable(),
  rollups: z.string().nullable(),
  metrics: z.string().nullable(),
  total: z.number(),
});

export async function getStorage(db: Db, maxDiskBytes: number | null): Promise<StorageResponse> {
  const usage = await db.many(
    sql`WITH tables(kind, oid) AS (
          SELECT 'spans', inhrelid FROM pg_inherits WHERE inhparent = 'spans'::regclass
          UNION ALL SELECT 'metrics', inhrelid FROM pg_inherits WHERE inhparent = 'metric_points'::regclass
          UNION ALL SELECT 'metrics', 'metric_series'::regclass
          -- a trace's summary, what the analysers keep about it and its kept page answer,
          -- deleted with it
          UNION ALL SELECT 'traces', unnest(ARRAY['traces', 'trace_analyses', 'trace_findings',
            'request_statements', 'trace_pages']::regclass[])
          UNION ALL SELECT 'rollups', unnest(ARRAY['endpoint_minutes', 'endpoint_ten_minutes',
            'endpoint_cache_minutes', 'endpoint_cache_latency', 'cache_span_minutes',
            'request_cache_lookups']::regclass[])
        )
        SELECT kind, sum(greatest(c.reltuples, 0))::float8 AS rows, sum(pg_total_relation_size(t.oid))::float8 AS bytes
        FROM tables t JOIN pg_class c ON c.oid = t.oid GROUP BY kind`,
    UsageRow,
  );
  // The oldest trace start (index), rollup minute (primary key) and metric day (the oldest
  // partition's name, metric_points_YYYYMMDD).
  const oldest = await db.one(
    sql`SELECT
          (SELECT min(start_time_unix_nano) FROM traces)::text AS spans,
          (SELECT min(minute) FROM endpoint_minutes)::text AS rollups,
          (SELECT min(c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'metric_points'::regclass) AS metrics,
          pg_database_size(current_database())::float8 AS total`,
    OldestRow,
  );
  const byKind = new Map(usage.map((row) => [row.kind, row]));
  const usageOf = (kind: z.infer<typeof UsageRow>["kind"], oldestIso: string | null): StorageUsage => ({
    rows: byKind.get(kind)?.rows ?? 0,
    bytes: byKind.get(kind)?.bytes ?? 0,
    oldest: oldestIso,
  });
  const fromNanos = (text: string | null | undefined) =>
    text ? new Date(Number(BigInt(text) / 1_000_000n)).toISOString() : null;
  const fromPartitionName = (name: string | null | undefined) => {
    const day = /(\d{4})(\d{2})(\d{2})$/.exec(name ?? "");
    return day ? `${day[1]}-${day[2]}-${day[3]}T00:00:00.000Z` : null;
  };
  const fromMinute = (text: string | null | undefined) =>
    text ? new Date(Number(text) * 60_000).toISOString() : null;
  return {
    spans: usageOf("spans", fromNanos(oldest?.spans)),
    traces: usageOf("traces", fromNanos(oldest?.spans)),
    rollups: usageOf("rollups", fromMinute(oldest?.rollups)),
    metrics: usageOf("metrics", fromPartitionName(oldest?.metrics)),
    totalBytes: oldest?.total ?? 0,
    maxDiskBytes,
  };
}
