// POST /api/auth/setup: the first-start link's form creates the admin and signs them in. Taking
// the setup token is one DELETE … RETURNING, so of two submissions only one wins; once any user
// exists the link is dead.
import { createSession, type NewSession } from "@/lib/auth/sessions";
import { consumeSetupToken } from "@/lib/auth/setup-token";
import { countUsers, insertUser } from "@/lib/auth/users";
import type { Db } from "@/lib/db/sql";
import { ForbiddenError } from "@/lib/model/request-errors";

export async function setUpAdmin(
  db: Db,
  request: {
    token: string;
    email: string;
    password: string;
    userAgent: string | null;
    address: string;
    ttlMs: number;
  },
): Promise<NewSession> {
  if (!(await consumeSetupToken(db, request.token)) || (await countUsers(db)) > 0) {
    throw new ForbiddenError(
      "this setup link is not valid (already used, expired, or replaced by a newer start's link); sign in at /login, or restart Tracewell for a new link while no user exists",
    );
  }
  const admin = await insertUser(db, { email: request.email, password: request.password, role: "admin" });
  if (!admin) throw new ForbiddenError("an account already exists; sign in at /login");
  return createSession(db, admin.id, request);
}
