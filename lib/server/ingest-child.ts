// INGEST_PROCESS=separate (the default): `npm start` serves the dashboard in this process and runs
// ingest and the worker in a child process, started with the same configuration but
// TRACEWELL_ROLES=ingest,worker (whichever of those this process was given) and the database this
// process opened. A flood of exports then never queues behind, or in front of, the dashboard's
// requests on one event loop, and the child runs at INGEST_NICE (docs/scaling.md: the dashboard's
// flood p95 went from 20.7× its quiet p95 in one process to 2.3–2.9×).
//
// The child prints its banner and logs where this process does and sends its ports by IPC; it exits when this
// process goes (SIGKILL included: the IPC channel closes), is stopped before the database on
// SIGTERM/SIGINT, and is started again if it dies.
import { type ChildProcess, spawn } from "node:child_process";
import type { Role } from "@/lib/config";
import { logger } from "@/lib/log/logger";

const log = logger.child({ component: "ingest-child" });
const RESTART_DELAY_MS = 1_000;

export interface ChildPorts {
  otlpHttpPort: number | null;
  otlpGrpcPort: number | null;
}

export interface IngestChild {
  /** resolves with the child's ports once it is ready (again after a restart) */
  ready: Promise<ChildPorts>;
  /** the current ports, null while the child starts */
  ports(): ChildPorts | null;
  pid(): number | undefined;
  /** SIGTERM, then waits for it to drain and exit */
  stop(): Promise<void>;
}

/** The roles the child takes over from a process that also serves the web. */
export function childRoles(roles: ReadonlySet<Role>): Role[] {
  return (["ingest", "worker"] as const).filter((role) => roles.has(role));
}

export function startIngestChild(roles: Role[], dashboardPort: number | null): IngestChild {
  let child: ChildProcess | null = null;
  let current: ChildPorts | null = null;
  let stopping = false;
  let resolveReady: (ports: ChildPorts) => void = () => {};
  let rejectReady: (error: Error) => void = () => {};
  const ready = new Promise<ChildPorts>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  let exited: Promise<void> = Promise.resolve();

  const start = () => {
    // The same command as this process (`node --import tsx scripts/start.ts`), in a process group
    // of its own: Ctrl-C reaches this process, which stops the child in order.
    const spawned = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? "scripts/start.ts"], {
      env: {
        ...process.env,
        TRACEWELL_ROLES: roles.join(","),
        INGEST_PROCESS: "same",
        TRACEWELL_CHILD: "1",
        // its banner names where the dashboard is
        TRACEWELL_DASHBOARD_PORT: dashboardPort === null ? "" : String(dashboardPort),
      },
      // Its output goes straight where this process's goes: forwarding it line by line would
      // put every log line of a flood on the dashboard's event loop. Its ports come by IPC.
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      detached: true,
    });
    child = spawned;
    exited = new Promise((resolve) => spawned.once("exit", () => resolve()));
    spawned.on("message", (message: { tracewellReady?: ChildPorts }) => {
      const ports = message?.tracewellReady;
      if (!ports) return;
      current = { otlpHttpPort: ports.otlpHttpPort ?? null, otlpGrpcPort: ports.otlpGrpcPort ?? null };
      resolveReady(current);
    });
    spawned.once("exit", (code, signal) => {
      current = null;
      if (stopping) return;
      log.error({ code, signal }, `the ingest process (${roles.join(",")}) exited: starting it again`);
      rejectReady(new Error(`the ingest process exited (${signal ?? code}) before it was ready`));
      setTimeout(() => {
        if (!stopping) start();
      }, RESTART_DELAY_MS).unref();
    });
  };
  start();

  return {
    ready,
    ports: () => current,
    pid: () => child?.pid,
    stop: async () => {
      stopping = true;
      if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** In the child: tell the parent its ports (instead of the TRACEWELL_READY line). */
export function sendReadyToParent(ports: ChildPorts): boolean {
  if (!process.send) return false;
  process.send({ tracewellReady: ports });
  return true;
}

/** In the child: exit (draining) once the parent is gone, however it went. */
export function exitWithParent(shutdown: (reason: string) => void): void {
  if (!process.send) return;
  process.on("disconnect", () => shutdown("the dashboard process exited"));
}
