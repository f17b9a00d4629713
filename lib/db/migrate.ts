// Applies prisma/migrations/*/migration.sql in order, recording each in `_prisma_migrations`
// exactly as `prisma migrate deploy` would, so Prisma's own tooling keeps working where its
// schema engine is available (it cannot be downloaded on every machine, see docs/architecture.md).
// A session-level advisory lock makes concurrent starts of several processes safe.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { AdvisoryLock } from "@/lib/db/advisory-locks";
import { logger } from "@/lib/log/logger";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function listMigrations(dir = path.resolve("prisma/migrations")): Promise<Migration[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  names.sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export async function migrate(pool: pg.Pool, options: { dir?: string } = {}): Promise<string[]> {
  const log = logger.child({ component: "migrate" });
  const migrations = await listMigrations(options.dir);
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [AdvisoryLock.MIGRATIONS]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`);
    const recorded = new Map(rows.map((row) => [row.migration_name, row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const row = recorded.get(migration.name);
      if (row?.finished_at === null) {
        throw new Error(
          `Migration ${migration.name} failed earlier and is marked unfinished in _prisma_migrations; ` +
            "fix the database by hand, then delete that row.",
        );
      }
      if (row) {
        if (row.checksum !== migration.checksum)
          log.warn(`migration ${migration.name} changed after it was applied`);
        continue;
      }
      log.info(`Applying migration ${migration.name}`);
      // One transaction per migration: a failure leaves no half-applied schema and no record.
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [AdvisoryLock.MIGRATIONS]).catch(() => {});
    client.release();
  }
}
