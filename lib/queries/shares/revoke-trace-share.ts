// DELETE /api/shares/{id}: the link answers 410 from the next request on.
import { type Db, sql } from "@/lib/db/sql";

/** true when a share with that id exists (revoking twice is fine); false when there is none. */
export async function revokeTraceShare(db: Db, id: string): Promise<boolean> {
  const updated = await db.execute(
    sql`UPDATE trace_shares SET revoked_at = coalesce(revoked_at, now()) WHERE id = ${id}`,
  );
  return updated > 0;
}
