// A Tracewell with sign-in required (UI_AUTH=on, the default of `npm start`) on its own database,
// for the tests of users, sessions and the access gate (the shared test process runs UI_AUTH=off).
// The database is a fresh one on the shared test server (embedded or TEST_DATABASE_URL's), so a
// first start really finds no user.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function createSiblingDatabase(): Promise<TestDatabase> {
  const name = `tracewell_auth_${randomBytes(4).toString("hex")}`;
  const admin = new URL(inject("tracewell").databaseUrl);
  admin.pathname = "/postgres";
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface AuthTracewell {
  server: TracewellProcess;
  database: TestDatabase;
  stop(): Promise<void>;
}

export async function startAuthTracewell(env: Record<string, string> = {}): Promise<AuthTracewell> {
  const database = await createSiblingDatabase();
  const server = await startTracewellProcess({ databaseUrl: database.url, env: { UI_AUTH: "on", ...env } });
  return {
    server,
    database,
    stop: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

/** Signs in through POST /api/auth/login and returns the Cookie header value to send. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 204)
    throw new Error(`login as ${email}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (!cookie.startsWith("tracewell_session=")) throw new Error(`login as ${email}: no session cookie`);
  return cookie;
}
