// A database and a running Tracewell for a benchmark, on the same kind of PostgreSQL the tests
// use (TEST_DATABASE_URL / DATABASE_URL's server when set, otherwise an embedded one).
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

export interface BenchStack {
  database: TestDatabase;
  server: TracewellProcess;
  stop(): Promise<void>;
}

export async function startBenchStack(env: Record<string, string> = {}): Promise<BenchStack> {
  // (process.env turns undefined into the string "undefined": assign only a real URL)
  if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL)
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
  const database = await createTestDatabase();
  const server = await startTracewellProcess({ databaseUrl: database.url, env });
  return {
    database,
    server,
    stop: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

/**
 * A sender of OTLP/protobuf bodies to one OTLP/HTTP path (`/v1/traces`, `/v1/metrics`) that
 * resolves once the answer (200 = committed) is read through, and throws on anything else.
 */
export function otlpSender(otlpHttpUrl: string, path: "/v1/traces" | "/v1/metrics") {
  return async (body: Uint8Array): Promise<void> => {
    const response = await fetch(`${otlpHttpUrl}${path}`, {
      method: "POST",
      body: body as BodyInit,
      headers: { "Content-Type": "application/x-protobuf" },
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
}

export function formatRate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString("en-US")}`;
}

export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
