// GET /api/keys: every key, newest first, without secrets (there are none stored).
import type { IngestKeyInfo } from "@/lib/contracts/key-schemas";
import type { Db } from "@/lib/db/sql";
import { listStoredSecrets } from "@/lib/queries/keys/stored-secrets";

export function listIngestKeys(db: Db): Promise<IngestKeyInfo[]> {
  return listStoredSecrets(db, "ingestKeys");
}
