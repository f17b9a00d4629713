// The process-wide pg pool. The custom server and Next's bundled route handlers load separate
// copies of this module, so the pool hangs off globalThis to be shared by both.
import pg from "pg";
import { PoolDb } from "@/lib/db/sql";

const POOL = Symbol.for("tracewell.pgPool");
type Holder = { [POOL]?: pg.Pool };

export function getPool(): pg.Pool {
  const holder = globalThis as Holder;
  let pool = holder[POOL];
  if (!pool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start Tracewell with `npm start`.");
    pool = new pg.Pool({
      connectionString,
      max: 12,
      application_name: "tracewell",
      // The app's queries are small (rollup rows, index lookups, COPY). Parallel workers cost more
      // to launch than they save there: bench:query measured /api/endpoints 64 → 10 ms in-process.
      // JIT compiles a query whose estimated cost is high (a week of metric points): on a loaded
      // 2-core machine compiling took 1–2 s of a 3 s metrics query, more than it saved.
      options: "-c max_parallel_workers_per_gather=0 -c jit=off",
    });
    // An idle client dropped by the server must not take the process down; the next query reconnects.
    pool.on("error", (error) => console.error(`postgres: idle client error: ${error.message}`));
    holder[POOL] = pool;
  }
  return pool;
}

export async function closePool(): Promise<void> {
  const holder = globalThis as Holder;
  const pool = holder[POOL];
  holder[POOL] = undefined;
  await pool?.end();
}

/** The primary database as a query handle (see lib/db/sql.ts). */
export function getDb(): PoolDb {
  return new PoolDb(getPool());
}
