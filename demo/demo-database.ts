// Where the demo shop keeps its data: its own database, `tracewell_demo`, never Tracewell's.
// In order: DEMO_DATABASE_URL as given; the server of DATABASE_URL; the embedded PostgreSQL a
// running `npm start` uses (found through DATA_DIR); else an embedded PostgreSQL of its own under
// DATA_DIR/demo-postgres. The schema (demo/schema.sql) is applied on every run, seeded once.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

export const DEMO_DATABASE = "tracewell_demo";

export interface DemoDatabase {
  url: string;
  /** where it came from, for the start-up line */
  source: string;
  stop(): Promise<void>;
}

export async function openDemoDatabase(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<DemoDatabase> {
  const database = await locateDemoDatabase(env);
  await createDatabaseIfMissing(database.url);
  await applySchema(database.url);
  return database;
}

async function locateDemoDatabase(env: Readonly<Record<string, string | undefined>>): Promise<DemoDatabase> {
  const nothingToStop = async () => {};
  if (env.DEMO_DATABASE_URL)
    return { url: env.DEMO_DATABASE_URL, source: "DEMO_DATABASE_URL", stop: nothingToStop };
  if (env.DATABASE_URL) {
    return {
      url: withDatabase(env.DATABASE_URL, DEMO_DATABASE),
      source: "the server of DATABASE_URL",
      stop: nothingToStop,
    };
  }
  const dataDir = path.resolve(env.DATA_DIR || ".data");
  const running = runningEmbeddedPostgres(dataDir);
  if (running) {
    return { url: running, source: `Tracewell's embedded PostgreSQL (${dataDir})`, stop: nothingToStop };
  }
  // Nothing to share (e.g. --target points at another machine): a PostgreSQL of the demo's own,
  // in its own directory so a later `npm start` never finds its lock taken.
  const own = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "demo"),
    port: 0,
    database: DEMO_DATABASE,
  });
  return { url: own.url, source: `an embedded PostgreSQL in ${path.join(dataDir, "demo")}`, stop: own.stop };
}

/**
 * The embedded PostgreSQL of a running `npm start` listens on a port chosen at start; PostgreSQL
 * writes it on line 4 of postmaster.pid, and lib/db/embedded-postgres.ts keeps the password
 * next to the data directory.
 */
function runningEmbeddedPostgres(dataDir: string): string | null {
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  const passwordFile = path.join(dataDir, "postgres-password");
  if (!existsSync(pidFile) || !existsSync(passwordFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return null;
  const password = readFileSync(passwordFile, "utf8").trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DEMO_DATABASE}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by another user (the embedded server runs as `postgres` under root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error; // 3D000: database does not exist
  } finally {
    await probe.end().catch(() => {});
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== "42P04") throw error; // created meanwhile by another run
  } finally {
    await admin.end();
  }
}

async function applySchema(url: string): Promise<void> {
  const schema = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "schema.sql"), "utf8");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Two demos starting at once must not seed twice.
    await client.query("SELECT pg_advisory_lock(7426001)");
    await client.query(schema);
  } finally {
    await client.end();
  }
}
