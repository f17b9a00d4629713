// Whether the database is reachable and migrated, for GET /api/health and the OTLP receivers.
// Set by the server once migrations finish; shared through globalThis with Next's route bundle.
import { getPool } from "@/lib/db/pool";

const READY = Symbol.for("tracewell.databaseMigrated");
type Holder = { [READY]?: boolean };

export function markDatabaseMigrated(): void {
  (globalThis as Holder)[READY] = true;
}

export function isDatabaseMigrated(): boolean {
  return (globalThis as Holder)[READY] === true;
}

export type Health = { status: "ok" } | { status: "unavailable"; reason: string };

export async function checkHealth(): Promise<Health> {
  if (!isDatabaseMigrated())
    return { status: "unavailable", reason: "database migrations have not finished" };
  try {
    await getPool().query("SELECT 1");
    return { status: "ok" };
  } catch (error) {
    return { status: "unavailable", reason: `database unreachable: ${(error as Error).message}` };
  }
}
