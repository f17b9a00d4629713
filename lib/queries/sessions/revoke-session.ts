// DELETE /api/sessions/{id}: that browser is signed out from its next request on.
import { type Db, sql } from "@/lib/db/sql";

/** true when a session with that id exists (ending it twice is fine). */
export async function revokeSession(db: Db, id: string): Promise<boolean> {
  const updated = await db.execute(
    sql`UPDATE sessions SET revoked_at = coalesce(revoked_at, now()) WHERE id = ${id}`,
  );
  return updated > 0;
}
