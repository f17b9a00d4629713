import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Tests by level, picked by suffix: *.test.ts are pure; *.db.test.ts talk to a real PostgreSQL
// and a running Tracewell started by test/global-setup.ts.
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    // Every row of every query is checked against its schema in tests (lib/db/sql.ts), and the
    // Tracewell processes the tests start inherit it.
    env: { TRACEWELL_CHECK_ALL_ROWS: "1" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{lib,components,test,scripts,demo}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["{lib,test}/**/*.db.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
