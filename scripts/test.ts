// `npm test`: the whole suite. Builds the app once, then unit + integration tests (vitest, real
// PostgreSQL) and end-to-end tests (Playwright in Chromium). Fails if any part fails, and ends
// with one plain "N passed, N failed" line over both runners.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "./build";

process.env.NEXT_TELEMETRY_DISABLED = "1";
ensureBuild();

const reports = mkdtempSync(path.join(os.tmpdir(), "tracewell-test-"));
const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");

const steps: Array<{ name: string; args: string[]; env?: Record<string, string> }> = [
  {
    name: "vitest",
    args: ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
  },
  {
    name: "playwright",
    args: ["playwright", "test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
  },
];
const failedSteps: string[] = [];
for (const step of steps) {
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync("npx", ["--no-install", ...step.args], {
    stdio: "inherit",
    env: { ...process.env, ...step.env },
  });
  if (result.status !== 0) failedSteps.push(step.name);
}

const counts = { passed: 0, failed: 0, skipped: 0 };
try {
  const vitest = JSON.parse(readFileSync(vitestReport, "utf8"));
  counts.passed += vitest.numPassedTests ?? 0;
  counts.failed += vitest.numFailedTests ?? 0;
  // The report decides too: an exit status can be lost (lib/db/embedded-postgres.ts).
  if ((vitest.numFailedTests ?? 0) > 0 || (vitest.numFailedTestSuites ?? 0) > 0 || vitest.success === false) {
    if (!failedSteps.includes("vitest")) failedSteps.push("vitest");
  }
  counts.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
} catch {
  if (!failedSteps.includes("vitest")) failedSteps.push("vitest (no report)");
}
try {
  const stats = JSON.parse(readFileSync(playwrightReport, "utf8")).stats;
  counts.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  counts.failed += stats.unexpected ?? 0;
  if ((stats.unexpected ?? 0) > 0 && !failedSteps.includes("playwright")) failedSteps.push("playwright");
  counts.skipped += stats.skipped ?? 0;
} catch {
  if (!failedSteps.includes("playwright")) failedSteps.push("playwright (no report)");
}
rmSync(reports, { recursive: true, force: true });

console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
if (failedSteps.length > 0) {
  console.error(`✖ failed: ${failedSteps.join(", ")}`);
  process.exit(1);
}
