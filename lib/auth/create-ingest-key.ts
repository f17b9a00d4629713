// Creates an ingest key: stores its hash, returns the key itself (the only time it exists in
// clear). Used by POST /api/keys, the `tracewell keys create` CLI and the first start.
import { z } from "zod";
import { generateIngestKey } from "@/lib/auth/ingest-key";
import { type Db, sql } from "@/lib/db/sql";

export interface CreatedIngestKey {
  id: string;
  name: string;
  prefix: string;
  /** the secret: shown once, never stored */
  key: string;
  createdAt: string;
  expiresAt: string | null;
}

const CreatedRow = z.object({ created_at: z.date(), expires_at: z.date().nullable() });

export async function createIngestKey(
  db: Db,
  name: string,
  expiresInDays?: number,
): Promise<CreatedIngestKey> {
  const fresh = generateIngestKey();
  const expires = expiresInDays === undefined ? null : expiresInDays;
  const row = await db.one(
    sql`INSERT INTO ingest_keys (id, name, prefix, key_hash, expires_at)
        VALUES (${fresh.id}, ${name}, ${fresh.prefix}, ${fresh.hash},
                CASE WHEN ${expires}::float8 IS NULL THEN NULL ELSE now() + make_interval(days => ${expires}::int) END)
        RETURNING created_at, expires_at`,
    CreatedRow,
  );
  return {
    id: fresh.id,
    name,
    prefix: fresh.prefix,
    key: fresh.key,
    createdAt: (row?.created_at ?? new Date()).toISOString(),
    expiresAt: row?.expires_at?.toISOString() ?? null,
  };
}
