// Builds the Next.js app when its sources changed since the last build (or always with --force).
// `npm start` calls this, so a fresh clone needs no separate build step.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];
const stampFile = path.join(root, ".next", "tracewell-build-hash");

function hashInputs(): string {
  const hash = createHash("sha256");
  const visit = (file: string) => {
    if (!existsSync(file)) return;
    if (statSync(file).isDirectory()) {
      for (const entry of readdirSync(file).sort()) visit(path.join(file, entry));
    } else {
      hash.update(path.relative(root, file));
      hash.update(readFileSync(file));
    }
  };
  for (const input of INPUTS) visit(path.join(root, input));
  return hash.digest("hex");
}

/**
 * Several processes (a test run and a server, or two servers) may start at once in one checkout;
 * `next build` refuses to run twice in one .next, so builds take turns through a lock directory.
 */
function withBuildLock(work: () => void): void {
  const lock = path.join(root, ".next-build.lock");
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`another build holds ${lock}; remove it if no build is running`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function ensureBuild(options: { force?: boolean; log?: (line: string) => void } = {}): void {
  withBuildLock(() => buildIfChanged(options));
}

function buildIfChanged(options: { force?: boolean; log?: (line: string) => void }): void {
  const log = options.log ?? console.log;
  const digest = hashInputs();
  const current = existsSync(stampFile) ? readFileSync(stampFile, "utf8") : "";
  if (!options.force && current === digest && existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  log("Building the dashboard (next build)…");
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  writeFileSync(stampFile, digest);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  ensureBuild({ force: process.argv.includes("--force") });
}
