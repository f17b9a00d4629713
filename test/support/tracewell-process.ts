// Runs Tracewell exactly as `npm start` does (scripts/start.ts), in a child process on free
// ports, for integration and end-to-end tests.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface TracewellProcess {
  baseUrl: string;
  otlpHttpUrl: string;
  ports: { port: number; otlpHttpPort: number };
  output: string[];
  child: ChildProcess;
  stop(): Promise<number | null>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function startTracewellProcess(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  ports?: { port: number; otlpHttpPort: number };
}): Promise<TracewellProcess> {
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(options.ports?.port ?? 0),
      OTLP_HTTP_PORT: String(options.ports?.otlpHttpPort ?? 0),
      OTLP_GRPC_PORT: "0",
      DATABASE_URL: options.databaseUrl,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<{ port: number; otlpHttpPort: number }>((resolve, reject) => {
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
    ports,
    output,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
