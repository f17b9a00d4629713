// GET /api/sessions: live sessions (not expired, not ended), newest first, with their user.
import { z } from "zod";
import type { SessionListEntry } from "@/lib/contracts/auth-schemas";
import { type Db, sql } from "@/lib/db/sql";

const SessionRow = z.object({
  id: z.string(),
  user_id: z.string(),
  email: z.string(),
  created_at: z.date(),
  expires_at: z.date(),
  last_seen_at: z.date(),
  user_agent: z.string().nullable(),
  address: z.string().nullable(),
});

export async function listSessions(db: Db, currentSessionId: string | null): Promise<SessionListEntry[]> {
  const rows = await db.many(
    sql`SELECT s.id, s.user_id, u.email, s.created_at, s.expires_at, s.last_seen_at, s.user_agent, s.address
        FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.revoked_at IS NULL AND s.expires_at > now()
        ORDER BY s.created_at DESC, s.id LIMIT 1000`,
    SessionRow,
  );
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    email: row.email,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    userAgent: row.user_agent,
    address: row.address,
    current: row.id === currentSessionId,
  }));
}
