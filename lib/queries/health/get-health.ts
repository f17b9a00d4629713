// Whether this process can serve: migrations applied and the database answering (GET /api/health).
import { isDatabaseMigrated } from "@/lib/db/readiness";
import { type Db, sql } from "@/lib/db/sql";

export type Health = { status: "ok" } | { status: "unavailable"; reason: string };

export async function getHealth(db: Db): Promise<Health> {
  if (!isDatabaseMigrated())
    return { status: "unavailable", reason: "database migrations have not finished" };
  try {
    await db.execute(sql`SELECT 1`);
    return { status: "ok" };
  } catch (error) {
    return { status: "unavailable", reason: `database unreachable: ${(error as Error).message}` };
  }
}
