// A Tracewell of a test file's own: a fresh database, Tracewell started on it as `npm start`
// starts it (with the file's settings in `env`), and a pool on that database for checking what
// was stored. Started before the file's tests, stopped after them in the reverse order (pool,
// server, database), also when starting failed halfway.
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

export interface OwnTracewell {
  readonly database: TestDatabase;
  readonly tracewell: TracewellProcess;
  /** opened on first use */
  readonly pool: pg.Pool;
}

export interface OwnTracewellOptions {
  /** Tracewell's settings for this file (e.g. { SPAN_MAX_EVENTS: "3" }) */
  env?: Record<string, string>;
  /** connections of `pool` (2) */
  poolMax?: number;
  /** how long starting may take (120 s: a first start may build the dashboard) */
  startTimeoutMs?: number;
}

export function ownTracewell(options: OwnTracewellOptions = {}): OwnTracewell {
  let database: TestDatabase | undefined;
  let tracewell: TracewellProcess | undefined;
  let pool: pg.Pool | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    tracewell = await startTracewellProcess({ databaseUrl: database.url, env: options.env });
  }, options.startTimeoutMs ?? 120_000);
  afterAll(async () => {
    await pool?.end();
    await tracewell?.stop();
    await database?.drop();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is used before this file's beforeAll started it`);
    return value;
  };
  return {
    get database() {
      return started(database, "the test database");
    },
    get tracewell() {
      return started(tracewell, "Tracewell");
    },
    get pool() {
      pool ??= new pg.Pool({
        connectionString: started(database, "the test database").url,
        max: options.poolMax ?? 2,
      });
      return pool;
    },
  };
}
