// DELETE /api/tokens/{id}: refused from the next request on (the gate looks tokens up each time).
import type { Db } from "@/lib/db/sql";
import { revokeStoredSecret } from "@/lib/queries/keys/stored-secrets";

export function revokeApiToken(db: Db, id: string): Promise<boolean> {
  return revokeStoredSecret(db, "apiTokens", id);
}
