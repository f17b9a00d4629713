// GET /api/tokens: every read-only API token, newest first, without secrets.
import type { ApiTokenInfo } from "@/lib/contracts/auth-schemas";
import type { Db } from "@/lib/db/sql";
import { listStoredSecrets } from "@/lib/queries/keys/stored-secrets";

export function listApiTokens(db: Db): Promise<ApiTokenInfo[]> {
  return listStoredSecrets(db, "apiTokens");
}
