// Read-only API tokens for scripts and CI: "twr_…", generated and hashed like ingest keys
// (lib/auth/secret-token.ts) but kept in their own table, so an ingest key never reads the API
// and an API token never sends data.
import { z } from "zod";
import { generateSecret, hashSecret } from "@/lib/auth/secret-token";
import { type Db, sql } from "@/lib/db/sql";
import type { Principal } from "@/lib/model/principal";

export const API_TOKEN_PREFIX = "twr_";

export interface CreatedApiToken {
  id: string;
  name: string;
  prefix: string;
  /** the secret: shown once, never stored */
  token: string;
  createdAt: string;
  expiresAt: string | null;
}

export async function createApiToken(db: Db, name: string, expiresInDays?: number): Promise<CreatedApiToken> {
  const fresh = generateSecret(API_TOKEN_PREFIX);
  const row = await db.one(
    sql`INSERT INTO api_tokens (id, name, prefix, token_hash, expires_at)
        VALUES (${fresh.id}, ${name}, ${fresh.prefix}, ${fresh.hash},
                CASE WHEN ${expiresInDays ?? null}::int IS NULL THEN NULL
                     ELSE now() + make_interval(days => ${expiresInDays ?? null}::int) END)
        RETURNING created_at, expires_at`,
    z.object({ created_at: z.date(), expires_at: z.date().nullable() }),
  );
  return {
    id: fresh.id,
    name,
    prefix: fresh.prefix,
    token: fresh.key,
    createdAt: (row?.created_at ?? new Date()).toISOString(),
    expiresAt: row?.expires_at?.toISOString() ?? null,
  };
}

/** The principal of a live API token, or null (unknown, revoked or expired). */
export async function apiTokenPrincipal(db: Db, token: string): Promise<Principal | null> {
  const row = await db.one(
    sql`SELECT id, last_used_at IS NULL OR last_used_at < now() - interval '1 minute' AS stale
        FROM api_tokens
        WHERE token_hash = ${hashSecret(token)} AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    z.object({ id: z.string(), stale: z.boolean() }),
  );
  if (!row) return null;
  if (row.stale)
    db.execute(sql`UPDATE api_tokens SET last_used_at = now() WHERE id = ${row.id}`).catch(() => {});
  return { kind: "token", tokenId: row.id };
}
