// DELETE /api/keys/{id}: the key stops working on every process within the verifier's cache time.
import { type Db, sql } from "@/lib/db/sql";

/** true when a key with that id exists (revoking twice is fine); false when there is none. */
export async function revokeIngestKey(db: Db, id: string): Promise<boolean> {
  const updated = await db.execute(
    sql`UPDATE ingest_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = ${id}`,
  );
  return updated > 0;
}
