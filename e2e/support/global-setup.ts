// Playwright global setup: a fresh database and a Tracewell on the ports playwright.config.ts
// chose; the returned function tears both down after the run.
import { createTestDatabase } from "@/test/support/test-database";
import { startTracewellProcess } from "@/test/support/tracewell-process";

export default async function globalSetup() {
  const database = await createTestDatabase();
  const server = await startTracewellProcess({
    databaseUrl: database.url,
    ports: {
      port: Number(new URL(process.env.TRACEWELL_BASE_URL as string).port),
      otlpHttpPort: Number(new URL(process.env.TRACEWELL_OTLP_HTTP_URL as string).port),
    },
    // e2e/budgets.spec.ts sees since when a budget is violated within seconds, not 30 s.
    env: { BUDGET_CHECK_INTERVAL: "1s" },
  });
  return async () => {
    await server.stop();
    await database.drop();
  };
}
