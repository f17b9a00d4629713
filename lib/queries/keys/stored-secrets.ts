// Ingest keys and read-only API tokens are listed and revoked the same way: one implementation
// over an allow-list of the two tables (the only identifiers spliced into the SQL).
import { z } from "zod";
import type { IngestKeyInfo } from "@/lib/contracts/key-schemas";
import { type Db, raw, sql } from "@/lib/db/sql";

const TABLES = { ingestKeys: "ingest_keys", apiTokens: "api_tokens" } as const;
export type SecretTable = keyof typeof TABLES;

const SecretRow = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.date(),
  expires_at: z.date().nullable(),
  revoked_at: z.date().nullable(),
  last_used_at: z.date().nullable(),
});

/** Every key or token, newest first, without secrets (there are none stored). */
export async function listStoredSecrets(db: Db, table: SecretTable): Promise<IngestKeyInfo[]> {
  const rows = await db.many(
    sql`SELECT id, name, prefix, created_at, expires_at, revoked_at, last_used_at
        FROM ${raw(TABLES[table])} ORDER BY created_at DESC, id LIMIT 1000`,
    SecretRow,
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

/** true when one with that id exists (revoking twice is fine); false when there is none. */
export async function revokeStoredSecret(db: Db, table: SecretTable, id: string): Promise<boolean> {
  const updated = await db.execute(
    sql`UPDATE ${raw(TABLES[table])} SET revoked_at = coalesce(revoked_at, now()) WHERE id = ${id}`,
  );
  return updated > 0;
}
