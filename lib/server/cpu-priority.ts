// INGEST_NICE: a process without the web role (TRACEWELL_ROLES=ingest or ingest,worker) runs at a
// lower CPU priority, it and the PostgreSQL backends serving it, so that on a machine where the
// dashboard's process shares the cores, the kernel's scheduler gives the dashboard the CPU first
// during a flood and ingest the rest (docs/scaling.md). Nothing is refused: ingest still takes everything
// the CPU left over allows, and all of it when the dashboard is idle.
//
// A backend's PID comes from pg_backend_pid(), which is a PID on the database's machine: it is
// reniced only when that PID is a `postgres` process here (the embedded database, or a server on
// this machine outside a container), never blindly.
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import type pg from "pg";
import { logger } from "@/lib/log/logger";

/**
 * Lowers this process's priority to `nice` (0–19); false when the system refused. On Linux a
 * priority belongs to each thread (V8's and libuv's helpers were started already, and inherit
 * nothing), so every thread of the process is reniced; threads started later inherit it.
 */
export function lowerOwnPriority(nice: number): boolean {
  try {
    os.setPriority(0, nice);
    for (const task of ownThreads()) os.setPriority(task, nice);
    return true;
  } catch (error) {
    logger.warn({ err: error }, `INGEST_NICE=${nice}: could not lower this process's CPU priority`);
    return false;
  }
}

/** Every new connection of `pool`: its backend process gets niceness `nice` when it runs here. */
export function lowerBackendPriority(pool: pg.Pool, nice: number): void {
  let warned = false;
  pool.on("connect", (client) => {
    client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid").then(
      ({ rows }) => {
        const pid = rows[0]?.pid;
        if (pid === undefined || !isLocalPostgres(pid)) return;
        try {
          os.setPriority(pid, nice);
        } catch (error) {
          if (warned) return;
          warned = true;
          logger.info({ err: error }, `INGEST_NICE=${nice}: PostgreSQL's backends keep their priority`);
        }
      },
      () => {}, // the connection failed: the pool reports that to whoever uses it
    );
  });
}

function ownThreads(): number[] {
  try {
    return readdirSync("/proc/self/task").map(Number).filter(Number.isInteger);
  } catch {
    return []; // not Linux: the process's priority is the one set above
  }
}

function isLocalPostgres(pid: number): boolean {
  try {
    const command = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    return command === "postgres" || command === "postmaster";
  } catch {
    return false; // no such process here (another machine, a container) or no /proc
  }
}
