// Pinned traces, most recently pinned first (GET /api/pins), or one pin (GET /api/traces/{id}/pin).

import { type Db, sql } from "@/lib/db/sql";
import type { Pin } from "@/lib/model/pins";
import { PIN_COLUMNS, PinRow, toPin } from "@/lib/queries/pins/pin-row";

export async function getPins(db: Db, traceIdHex: string | null = null): Promise<Pin[]> {
  const one = traceIdHex === null ? sql`` : sql`WHERE p.trace_id = ${Buffer.from(traceIdHex, "hex")}`;
  const rows = await db.many(
    sql`SELECT ${PIN_COLUMNS} FROM pinned_traces p ${one} ORDER BY p.pinned_at DESC, p.trace_id LIMIT 1000`,
    PinRow,
  );
  return rows.map(toPin);
}
