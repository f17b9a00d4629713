// Pins a trace (or changes the note of a pin): the trace's summary goes to pinned_traces and a
// copy of its spans to pinned_spans, which retention never drops, in one statement.

import { type Db, raw, sql } from "@/lib/db/sql";
import { PINNED_BY_ANONYMOUS, type Pin, type PinRequest } from "@/lib/model/pins";
import { SPAN_COLUMN_LIST } from "@/lib/model/span-columns";
import { PIN_COLUMNS, PinRow, toPin } from "@/lib/queries/pins/pin-row";

const PINNED_SPAN_COLUMNS = raw(SPAN_COLUMN_LIST);

/** The pin, or null when no trace with this id is stored (never arrived, or expired unpinned). */
export async function pinTrace(db: Db, traceIdHex: string, request: PinRequest): Promise<Pin | null> {
  const traceId = Buffer.from(traceIdHex, "hex");
  const note = request.note?.trim() ?? "";
  const pinnedBy = request.pinnedBy?.trim() || PINNED_BY_ANONYMOUS;
  const pinned = await db.one(
    sql`WITH t AS (SELECT * FROM traces WHERE trace_id = ${traceId}),
        copied AS (
          INSERT INTO pinned_spans (${PINNED_SPAN_COLUMNS})
          SELECT ${PINNED_SPAN_COLUMNS} FROM spans
          WHERE trace_id = ${traceId}
            AND start_time_unix_nano BETWEEN (SELECT start_time_unix_nano FROM t) AND (SELECT end_time_unix_nano FROM t)
          ON CONFLICT DO NOTHING),
        p AS (
          INSERT INTO pinned_traces (trace_id, note, pinned_by, start_time_unix_nano, end_time_unix_nano,
                                     span_count, error_count, root_service_name, root_span_name, services)
          SELECT trace_id, ${note}, ${pinnedBy}, start_time_unix_nano, end_time_unix_nano,
                 span_count, error_count, root_service_name, root_span_name, services
          FROM t
          ON CONFLICT (trace_id) DO UPDATE SET
            note = excluded.note, pinned_by = excluded.pinned_by, pinned_at = now(),
            start_time_unix_nano = excluded.start_time_unix_nano, end_time_unix_nano = excluded.end_time_unix_nano,
            span_count = excluded.span_count, error_count = excluded.error_count, services = excluded.services
          RETURNING *)
        SELECT ${PIN_COLUMNS} FROM p`,
    PinRow,
  );
  if (pinned) return toPin(pinned);
  // The trace itself has expired, but its pin (and spans) remain: change the note.
  const updated = await db.one(
    sql`UPDATE pinned_traces p SET note = ${note}, pinned_by = ${pinnedBy}, pinned_at = now()
        WHERE p.trace_id = ${traceId} RETURNING ${PIN_COLUMNS}`,
    PinRow,
  );
  return updated ? toPin(updated) : null;
}

/** Unpins; the copy goes too (the trace itself expires with its partition). False when not pinned. */
export async function unpinTrace(db: Db, traceIdHex: string): Promise<boolean> {
  const traceId = Buffer.from(traceIdHex, "hex");
  const removed = await db.execute(
    sql`WITH spans_gone AS (DELETE FROM pinned_spans WHERE trace_id = ${traceId})
        DELETE FROM pinned_traces WHERE trace_id = ${traceId}`,
  );
  return removed > 0;
}
