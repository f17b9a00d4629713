// Whether the database is migrated, for GET /api/health and the OTLP receivers.
// Set by the server once migrations finish; shared through globalThis with Next's route bundle.

const READY = Symbol.for("tracewell.databaseMigrated");
type Holder = { [READY]?: boolean };

export function markDatabaseMigrated(): void {
  (globalThis as Holder)[READY] = true;
}

export function isDatabaseMigrated(): boolean {
  return (globalThis as Holder)[READY] === true;
}
