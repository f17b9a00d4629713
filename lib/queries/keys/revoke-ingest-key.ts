// DELETE /api/keys/{id}: the key stops working on every process within the verifier's cache time.
import type { Db } from "@/lib/db/sql";
import { revokeStoredSecret } from "@/lib/queries/keys/stored-secrets";

/** true when a key with that id exists (revoking twice is fine); false when there is none. */
export function revokeIngestKey(db: Db, id: string): Promise<boolean> {
  return revokeStoredSecret(db, "ingestKeys", id);
}
