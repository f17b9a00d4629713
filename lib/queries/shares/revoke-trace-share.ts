// DELETE /api/shares/{id}: the link answers 410 from the next request on.
import { type Db, raw, sql } from "@/lib/db/sql";

/**
 * true when a share with that id exists (revoking twice is fine); false when there is none, or
 * when `createdBy` is set and someone else made it.
 */
export async function revokeTraceShare(
  db: Db,
  id: string,
  options: { createdBy?: string } = {},
): Promise<boolean> {
  const updated = await db.execute(
    sql`UPDATE trace_shares SET revoked_at = coalesce(revoked_at, now())
        WHERE id = ${id} ${options.createdBy === undefined ? raw("") : sql`AND created_by = ${options.createdBy}`}`,
  );
  return updated > 0;
}
