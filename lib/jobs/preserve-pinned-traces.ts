// Before retention drops span partitions: pinned traces get a fresh summary and a copy of every
// span that is about to go (spans that arrived after the pin included), so they stay whole.
import { type Db, raw, sql } from "@/lib/db/sql";
import { SPAN_COLUMN_LIST } from "@/lib/model/span-columns";

const PINNED_SPAN_COLUMNS = raw(SPAN_COLUMN_LIST);

/** Copies pinned traces' spans starting before `beforeNanos`; returns how many were new. */
export async function preservePinnedTraces(db: Db, beforeNanos: bigint): Promise<number> {
  await db.execute(
    sql`UPDATE pinned_traces p SET start_time_unix_nano = t.start_time_unix_nano,
          end_time_unix_nano = t.end_time_unix_nano, span_count = t.span_count,
          error_count = t.error_count, services = t.services
        FROM traces t WHERE t.trace_id = p.trace_id`,
  );
  return db.execute(
    sql`INSERT INTO pinned_spans (${PINNED_SPAN_COLUMNS})
        SELECT ${PINNED_SPAN_COLUMNS} FROM spans
        WHERE start_time_unix_nano < ${beforeNanos} AND trace_id IN (SELECT trace_id FROM pinned_traces)
        ON CONFLICT DO NOTHING`,
  );
}
