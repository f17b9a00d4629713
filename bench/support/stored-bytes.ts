// Bytes on disk per stored span, for ingest benchmarks: the spans partitions, `traces`, and every
// other table ingest writes (rollups, resources…), each with its indexes and TOAST.
import type pg from "pg";

export interface StoredBytes {
  spans: number;
  perSpan: { spans: number; traces: number; other: number; total: number };
}

export async function storedBytesPerSpan(pool: pg.Pool): Promise<StoredBytes> {
  await pool.query("CHECKPOINT");
  const { rows } = await pool.query<{
    spans: string;
    span_bytes: string;
    trace_bytes: string;
    other_bytes: string;
  }>(
    `SELECT (SELECT count(*) FROM spans) AS spans,
            (SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits
              WHERE inhparent = 'spans'::regclass) AS span_bytes,
            pg_total_relation_size('traces') AS trace_bytes,
            (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relispartition
                AND c.relname NOT IN ('traces', '_prisma_migrations')) AS other_bytes`,
  );
  const row = rows[0];
  const spans = Number(row?.spans ?? 0);
  const per = (bytes: string | undefined) => (spans > 0 ? Number(bytes ?? 0) / spans : 0);
  const perSpan = {
    spans: per(row?.span_bytes),
    traces: per(row?.trace_bytes),
    other: per(row?.other_bytes),
    total: 0,
  };
  perSpan.total = perSpan.spans + perSpan.traces + perSpan.other;
  return { spans, perSpan };
}

export function formatStoredBytes({ spans, perSpan }: StoredBytes): string {
  const f = (n: number) => n.toFixed(0).padStart(5);
  return `Stored bytes per span (${spans} spans, after the last pass): total ${f(perSpan.total)}   spans ${f(perSpan.spans)}   traces ${f(perSpan.traces)}   other tables ${f(perSpan.other)}`;
}
