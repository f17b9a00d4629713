// Several processes starting at once must migrate a database exactly once.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { listMigrations, migrate } from "@/lib/db/migrate";
import { createTestDatabase } from "@/test/support/test-database";

describe("migrate", () => {
  it("applies every migration once when three processes start together, and is a no-op after", async () => {
    const database = await createTestDatabase();
    const pools = [1, 2, 3].map(() => new pg.Pool({ connectionString: database.url, max: 2 }));
    try {
      const applied = await Promise.all(pools.map((pool) => migrate(pool)));
      const migrations = await listMigrations();
      expect(applied.flat().sort()).toEqual(migrations.map((m) => m.name).sort());

      const { rows } = await (pools[0] as pg.Pool).query(
        `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count
         FROM _prisma_migrations ORDER BY migration_name`,
      );
      expect(rows).toEqual(
        migrations.map((m) => ({
          migration_name: m.name,
          checksum: m.checksum,
          finished: true,
          applied_steps_count: 1,
        })),
      );
      expect(await migrate(pools[0] as pg.Pool)).toEqual([]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await database.drop();
    }
  });
});
