// Runs Tracewell exactly as `npm start` does (`node --import tsx scripts/start.ts`), in a child
// process on free ports, for integration and end-to-end tests. One process, not the tsx CLI: the
// CLI relays SIGTERM and SIGKILLs a server that is slow to acknowledge it, and shutdown tests must
// see the server's own graceful exit. Ingest is open (INGEST_AUTH=open) and the dashboard needs no
// sign-in (UI_AUTH=off) unless `env` says otherwise.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** null for the listeners of roles the process does not run (TRACEWELL_ROLES). */
export interface TracewellPorts {
  port: number | null;
  otlpHttpPort: number | null;
  otlpGrpcPort: number | null;
}

export interface TracewellProcess {
  baseUrl: string;
  otlpHttpUrl: string;
  /** http://127.0.0.1:PORT: the form the Node OTLP/gRPC exporters take (plaintext) */
  otlpGrpcUrl: string;
  ports: TracewellPorts;
  output: string[];
  child: ChildProcess;
  stop(): Promise<number | null>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function startTracewellProcess(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  ports?: { port: number; otlpHttpPort: number; otlpGrpcPort?: number };
  /** its own process group, so a test can signal the whole group as Ctrl-C in a terminal does */
  detached?: boolean;
}): Promise<TracewellProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(options.ports?.port ?? 0),
      OTLP_HTTP_PORT: String(options.ports?.otlpHttpPort ?? 0),
      OTLP_GRPC_PORT: String(options.ports?.otlpGrpcPort ?? 0),
      DATABASE_URL: options.databaseUrl,
      // Tests of other features send without a key; test/ingest-auth.db.test.ts and
      // e2e/settings.spec.ts run with keys required (the default of `npm start`).
      INGEST_AUTH: "open",
      // Likewise for the dashboard and /api; test/route-access.db.test.ts, test/ui-auth.db.test.ts
      // and e2e/ui-auth.spec.ts start their own Tracewell with sign-in required (the default).
      UI_AUTH: "off",
      // One process, so tests can reach ingest's state (its /metrics on PORT, yielding, the
      // worker's timing) where they ask the dashboard; test/ingest-process.db.test.ts runs the
      // default of `npm start`, ingest and the worker in a child process.
      INGEST_PROCESS: "same",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached ?? false,
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<TracewellPorts>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      output.push(line);
      if (line.startsWith("TRACEWELL_READY ")) resolve(JSON.parse(line.slice("TRACEWELL_READY ".length)));
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => output.push(line));
    void exited.then((code) =>
      reject(new Error(`Tracewell exited with ${code} before it was ready:\n${output.join("\n")}`)),
    );
  });
  const ports = await ready;
  return {
    baseUrl: `http://127.0.0.1:${ports.port}`,
    otlpHttpUrl: `http://127.0.0.1:${ports.otlpHttpPort}`,
    otlpGrpcUrl: `http://127.0.0.1:${ports.otlpGrpcPort}`,
    ports,
    output,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
