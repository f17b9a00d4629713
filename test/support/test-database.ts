// A throwaway database for one test run: created on TEST_DATABASE_URL's server when set,
// otherwise on an embedded PostgreSQL under .data/test-postgres. Dropped afterwards.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1", ""]);

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `tracewell_test_${randomBytes(4).toString("hex")}`;
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const admin = new URL(external);
    // Tests create and drop databases: never let them loose on a server that is not this machine's.
    if (!LOCAL_HOSTS.has(admin.hostname) && process.env.TRACEWELL_ALLOW_REMOTE_TEST_DB !== "1") {
      throw new Error(`TEST_DATABASE_URL points at ${admin.hostname}; tests only run against a local server`);
    }
    await withClient(external, (client) => client.query(`CREATE DATABASE ${name}`));
    const url = new URL(external);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        await withClient(external, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(".data", "test-postgres"),
    port: 0,
    database: name,
  });
  return {
    url: embedded.url,
    drop: async () => {
      const adminUrl = new URL(embedded.url);
      adminUrl.pathname = "/postgres";
      await withClient(adminUrl.toString(), (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
      await embedded.stop();
    },
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
