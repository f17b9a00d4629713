// DELETE /api/users/{id}: the user and their sessions go; the last admin and yourself cannot.
import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";
import { ForbiddenError, NotFoundError } from "@/lib/model/request-errors";

export async function deleteUser(db: Db, id: string, callerUserId: string | null): Promise<void> {
  if (id === callerUserId) {
    throw new ForbiddenError("you cannot delete your own account; ask another admin, or create one first");
  }
  // One statement, so two admins deleting each other at once cannot leave none.
  const row = await db.one(
    sql`WITH target AS (SELECT id, role FROM users WHERE id = ${id}),
             admins AS (SELECT count(*)::int AS n FROM users WHERE role = 'admin'),
             deleted AS (
               DELETE FROM users WHERE id = ${id}
                 AND ((SELECT role FROM target) <> 'admin' OR (SELECT n FROM admins) > 1)
               RETURNING id)
        SELECT (SELECT count(*)::int FROM target) AS found, (SELECT count(*)::int FROM deleted) AS deleted`,
    z.object({ found: z.number(), deleted: z.number() }),
  );
  if (!row || row.found === 0) throw new NotFoundError(`no user with id "${id}"`);
  if (row.deleted === 0) throw new ForbiddenError("this is the last admin: make another user admin first");
}
