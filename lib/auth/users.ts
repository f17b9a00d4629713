// Dashboard users: created by the first-start setup link, TRACEWELL_ADMIN_EMAIL/PASSWORD or an
// admin (POST /api/users); checked at login. Emails are stored lower-cased and trimmed.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "@/lib/auth/password";
import { type Db, sql } from "@/lib/db/sql";
import { USER_ROLES, type UserRole } from "@/lib/model/principal";

export interface StoredUser {
  id: string;
  email: string;
  role: UserRole;
  createdAt: string;
}

const UserRow = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(USER_ROLES),
  created_at: z.date(),
});
const toUser = (row: z.infer<typeof UserRow>): StoredUser => ({
  id: row.id,
  email: row.email,
  role: row.role,
  createdAt: row.created_at.toISOString(),
});

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The new user, or null when that email is taken. The password must have passed passwordProblem(). */
export async function insertUser(
  db: Db,
  user: { email: string; password: string; role: UserRole },
): Promise<StoredUser | null> {
  const row = await db.one(
    sql`INSERT INTO users (id, email, password_hash, role)
        VALUES (${randomBytes(8).toString("hex")}, ${normalizeEmail(user.email)}, ${await hashPassword(user.password)}, ${user.role})
        ON CONFLICT (email) DO NOTHING
        RETURNING id, email, role, created_at`,
    UserRow,
  );
  return row ? toUser(row) : null;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.one(sql`SELECT count(*)::int AS n FROM users`, z.object({ n: z.number() }));
  return row?.n ?? 0;
}

/** The user when the email and password match; null otherwise (in the same time either way). */
export async function checkCredentials(db: Db, email: string, password: string): Promise<StoredUser | null> {
  const row = await db.one(
    sql`SELECT id, email, role, created_at, password_hash FROM users WHERE email = ${normalizeEmail(email)}`,
    UserRow.extend({ password_hash: z.string() }),
  );
  if (!row) return verifyAgainstNothing(password).then(() => null);
  return (await verifyPassword(password, row.password_hash)) ? toUser(row) : null;
}

export async function listUsers(db: Db): Promise<StoredUser[]> {
  const rows = await db.many(
    sql`SELECT id, email, role, created_at FROM users ORDER BY created_at, email LIMIT 1000`,
    UserRow,
  );
  return rows.map(toUser);
}
