// GET /api/keys: every key, newest first, without secrets (there are none stored).
import { z } from "zod";
import type { IngestKeyInfo } from "@/lib/contracts/key-schemas";
import { type Db, sql } from "@/lib/db/sql";

const KeyRow = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.date(),
  expires_at: z.date().nullable(),
  revoked_at: z.date().nullable(),
  last_used_at: z.date().nullable(),
});

export async function listIngestKeys(db: Db): Promise<IngestKeyInfo[]> {
  const rows = await db.many(
    sql`SELECT id, name, prefix, created_at, expires_at, revoked_at, last_used_at
        FROM ingest_keys ORDER BY created_at DESC, id LIMIT 1000`,
    KeyRow,
  );
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
  }));
}
