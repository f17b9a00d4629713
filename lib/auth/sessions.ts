// Sessions: a random token in an httpOnly cookie, its SHA-256 in `sessions`. A session ends at
// its expiry (SESSION_TTL), at logout, when an admin revokes it or when its user is deleted;
// the gate looks it up on every request (one primary-key lookup), so revocation is immediate.
import { z } from "zod";
import { generateSecret, hashSecret } from "@/lib/auth/secret-token";
import { type Db, sql } from "@/lib/db/sql";
import { type Principal, USER_ROLES } from "@/lib/model/principal";

export interface NewSession {
  id: string;
  /** the cookie's value: never stored */
  token: string;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  userId: string,
  options: { ttlMs: number; userAgent: string | null; address: string | null },
): Promise<NewSession> {
  const fresh = generateSecret("tws_");
  const row = await db.one(
    sql`INSERT INTO sessions (id, token_hash, user_id, expires_at, user_agent, address)
        VALUES (${fresh.id}, ${fresh.hash}, ${userId}, now() + make_interval(secs => ${options.ttlMs / 1000}),
                ${options.userAgent?.slice(0, 300) ?? null}, ${options.address})
        RETURNING expires_at`,
    z.object({ expires_at: z.date() }),
  );
  return { id: fresh.id, token: fresh.key, expiresAt: row?.expires_at ?? new Date() };
}

const SessionRow = z.object({
  id: z.string(),
  user_id: z.string(),
  role: z.enum(USER_ROLES),
  stale: z.boolean(),
});

/** The signed-in user of a live session token, or null (unknown, expired or revoked). */
export async function sessionPrincipal(db: Db, token: string): Promise<Principal | null> {
  const row = await db.one(
    sql`SELECT s.id, s.user_id, u.role, s.last_seen_at < now() - interval '1 minute' AS stale
        FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ${hashSecret(token)} AND s.revoked_at IS NULL AND s.expires_at > now()`,
    SessionRow,
  );
  if (!row) return null;
  if (row.stale) {
    // For the admin's session list; at most once a minute, never failing the request.
    db.execute(sql`UPDATE sessions SET last_seen_at = now() WHERE id = ${row.id}`).catch(() => {});
  }
  return { kind: "user", userId: row.user_id, role: row.role, sessionId: row.id };
}

/** Logout: ends the session of that cookie token (nothing when it is unknown). */
export async function endSession(db: Db, token: string): Promise<void> {
  await db.execute(
    sql`UPDATE sessions SET revoked_at = coalesce(revoked_at, now()) WHERE token_hash = ${hashSecret(token)}`,
  );
}
