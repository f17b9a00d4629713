// GET /api/auth/session: who is signed in (for the header and Settings), and whether UI auth is on.
import { z } from "zod";
import type { SessionInfo } from "@/lib/contracts/auth-schemas";
import { type Db, sql } from "@/lib/db/sql";
import { isAdministrator, type Principal, USER_ROLES } from "@/lib/model/principal";

export async function getSessionInfo(
  db: Db,
  principal: Principal,
  uiAuth: "on" | "off",
): Promise<SessionInfo> {
  const user =
    principal.kind === "user"
      ? await db.one(
          sql`SELECT id, email, role, created_at FROM users WHERE id = ${principal.userId}`,
          z.object({ id: z.string(), email: z.string(), role: z.enum(USER_ROLES), created_at: z.date() }),
        )
      : undefined;
  return {
    uiAuth,
    user: user
      ? { id: user.id, email: user.email, role: user.role, createdAt: user.created_at.toISOString() }
      : null,
    admin: isAdministrator(principal),
  };
}
