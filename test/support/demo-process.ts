// Runs `npm run demo` (node --import tsx demo/run-demo.ts) against a Tracewell, for tests and
// for scripts/screenshots.ts. Resolves when the demo has exited, with its output.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface DemoRun {
  code: number | null;
  output: string[];
}

export function runDemo(options: {
  target: string;
  databaseUrl: string;
  duration: string;
  rate: number;
  onLine?: (line: string) => void;
}): Promise<DemoRun> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "demo/run-demo.ts",
      "--duration",
      options.duration,
      "--rate",
      String(options.rate),
      "--target",
      options.target,
    ],
    {
      cwd: root,
      env: { ...process.env, DEMO_DATABASE_URL: options.databaseUrl, REDIS_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line === "") continue;
      output.push(line);
      options.onLine?.(line);
    }
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}
