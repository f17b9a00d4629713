// The process-wide pg pool. The custom server and Next's bundled route handlers load separate
// copies of this module, so the pool hangs off globalThis to be shared by both.
import pg from "pg";
import { PoolDb } from "@/lib/db/sql";
import { logger } from "@/lib/log/logger";

const log = logger.child({ component: "postgres" });

const POOL = Symbol.for("tracewell.pgPool");
const SHUTTING_DOWN = Symbol.for("tracewell.shuttingDown");
type Holder = { [POOL]?: pg.Pool; [SHUTTING_DOWN]?: boolean };

function shuttingDown(holder: Holder): boolean {
  return holder[SHUTTING_DOWN] === true;
}

/**
 * Called first on SIGINT/SIGTERM: the database going away from now on is part of the shutdown,
 * not an error worth printing.
 */
export function markShuttingDown(): void {
  (globalThis as Holder)[SHUTTING_DOWN] = true;
}
const REPLICA_POOL = Symbol.for("tracewell.pgReplicaPool");
type ReplicaHolder = { [REPLICA_POOL]?: pg.Pool };

export function getPool(): pg.Pool {
  const holder = globalThis as Holder;
  let pool = holder[POOL];
  if (!pool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start Tracewell with `npm start`.");
    pool = new pg.Pool({
      connectionString,
      max: 12,
      // "tracewell", or with its roles when a process runs only some ("tracewell ingest"), so
      // pg_stat_activity tells the processes' connections apart
      application_name: process.env.TRACEWELL_ROLES
        ? `tracewell ${process.env.TRACEWELL_ROLES}`
        : "tracewell",
      // The app's queries are small (rollup rows, index lookups, COPY). Parallel workers cost more
      // to launch than they save there: bench:query measured /api/endpoints 64 → 10 ms in-process.
      // JIT compiles a query whose estimated cost is high (a week of metric points): on a loaded
      // 2-core machine compiling took 1–2 s of a 3 s metrics query, more than it saved.
      options: "-c max_parallel_workers_per_gather=0 -c jit=off",
    });
    // An idle client dropped by the server must not take the process down; the next query reconnects.
    // Ctrl-C reaches the embedded PostgreSQL too, which closes idle connections (57P01, "terminating
    // connection due to administrator command"): expected while shutting down, so nothing is printed.
    pool.on("error", (error: Error & { code?: string }) => {
      if (shuttingDown(holder)) return;
      if (error.code === "57P01") {
        log.warn("the database server closed idle connections (it is stopping or restarting)");
      } else {
        log.error({ err: error }, "idle client error");
      }
    });
    holder[POOL] = pool;
  }
  return pool;
}

export async function closePool(): Promise<void> {
  const holder = globalThis as Holder & ReplicaHolder;
  const pools = [holder[POOL], holder[REPLICA_POOL]];
  holder[POOL] = undefined;
  holder[REPLICA_POOL] = undefined;
  await Promise.all(pools.map((pool) => pool?.end()));
}

/** The primary database as a query handle (see lib/db/sql.ts). */
export function getDb(): PoolDb {
  return new PoolDb(getPool());
}

/**
 * Where the dashboard's reads go: the streaming replica of DATABASE_REPLICA_URL when one is set,
 * else the primary. Writes, migrations, ingest and background jobs always use the primary.
 */
export function getReadDb(): PoolDb {
  const connectionString = process.env.DATABASE_REPLICA_URL;
  if (!connectionString) return getDb();
  const holder = globalThis as ReplicaHolder;
  let pool = holder[REPLICA_POOL];
  if (!pool) {
    pool = new pg.Pool({
      connectionString,
      max: 12,
      application_name: "tracewell-reads",
      options: "-c max_parallel_workers_per_gather=0 -c jit=off", // as the primary's pool
    });
    pool.on("error", (error) => {
      if (!shuttingDown(globalThis as Holder)) log.error({ err: error, replica: true }, "idle client error");
    });
    holder[REPLICA_POOL] = pool;
  }
  return new PoolDb(pool);
}
