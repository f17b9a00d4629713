// POST /api/users: a new admin or viewer; 400 when the email is taken.

import { insertUser } from "@/lib/auth/users";
import type { UserInfo } from "@/lib/contracts/auth-schemas";
import type { Db } from "@/lib/db/sql";
import type { UserRole } from "@/lib/model/principal";
import { BadRequestError } from "@/lib/model/request-errors";

export async function createUser(
  db: Db,
  user: { email: string; password: string; role: UserRole },
): Promise<UserInfo> {
  const created = await insertUser(db, user);
  if (!created)
    throw new BadRequestError(`a user with the email ${user.email} already exists; pick another email`);
  return created;
}
