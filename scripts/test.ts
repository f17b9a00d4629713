// `npm test`: the whole suite. Builds the app once, then unit + integration tests (vitest, real
// PostgreSQL) and end-to-end tests (Playwright in Chromium). Fails if any part fails.
import { spawnSync } from "node:child_process";
import { ensureBuild } from "./build";

process.env.NEXT_TELEMETRY_DISABLED = "1";
ensureBuild();

const steps: Array<[string, string[]]> = [
  ["vitest", ["vitest", "run"]],
  ["playwright", ["playwright", "test"]],
];
const failed: string[] = [];
for (const [name, args] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync("npx", ["--no-install", ...args], { stdio: "inherit", env: process.env });
  if (result.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\n✖ failed: ${failed.join(", ")}`);
  process.exit(1);
}
console.log("\n✔ all test suites passed");
