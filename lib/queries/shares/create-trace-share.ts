// POST /api/traces/{traceId}/shares: a new public link to one stored trace. Only the token's hash
// is stored (lib/auth/share-token.ts); the token is returned this once, to build the link.
import { z } from "zod";
import { generateShareToken } from "@/lib/auth/share-token";
import { type Db, sql } from "@/lib/db/sql";

export interface NewTraceShare {
  id: string;
  /** the secret part of the link, never stored */
  token: string;
  expiresAt: string;
}

const CreatedRow = z.object({ expires_at: z.date() });

/** The share, or null when no trace with this id is stored (nor pinned). */
export async function createTraceShare(
  db: Db,
  traceIdHex: string,
  options: { expiresInHours: number; createdBy?: string | null },
): Promise<NewTraceShare | null> {
  const traceId = Buffer.from(traceIdHex, "hex");
  const fresh = generateShareToken();
  const row = await db.one(
    sql`INSERT INTO trace_shares (id, trace_id, token_hash, expires_at, created_by)
        SELECT ${fresh.id}, ${traceId}, ${fresh.hash},
               now() + make_interval(hours => ${options.expiresInHours}::int), ${options.createdBy ?? null}
        WHERE EXISTS (SELECT 1 FROM traces WHERE trace_id = ${traceId})
           OR EXISTS (SELECT 1 FROM pinned_traces WHERE trace_id = ${traceId})
        RETURNING expires_at`,
    CreatedRow,
  );
  return row ? { id: fresh.id, token: fresh.token, expiresAt: row.expires_at.toISOString() } : null;
}
