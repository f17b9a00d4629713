// The README's Node.js example, run as the script a reader would save and run: it must reach
// Tracewell (a script exiting before the batch processor sends would deliver nothing).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const { baseUrl, otlpHttpUrl } = inject("tracewell");
const root = path.resolve(import.meta.dirname, "..");

async function readmeNodeExample(): Promise<string> {
  const readme = await fs.readFile(path.join(root, "README.md"), "utf8");
  const match = /Node\.js example[^\n]*\n\n```js\n([\s\S]*?)```/.exec(readme);
  if (!match?.[1]) throw new Error("README.md has no Node.js example");
  return match[1];
}

describe("README Node.js example", () => {
  it("delivers its span when run as a script", async () => {
    const service = `readme-${randomBytes(3).toString("hex")}`;
    const script = (await readmeNodeExample())
      .replace("http://localhost:4318", otlpHttpUrl)
      .replace('"service.name": "checkout"', `"service.name": "${service}"`);
    // Inside the project, so the script finds the OpenTelemetry packages as a reader's project would.
    const file = path.join(root, `.readme-example-${service}.mjs`);
    await fs.writeFile(file, script);
    try {
      await promisify(execFile)(process.execPath, [file], { cwd: root, timeout: 30_000 });
    } finally {
      await fs.rm(file, { force: true });
    }
    // The process has exited: whatever it sent is committed (ingest answers after COMMIT).
    const body = (await (await fetch(`${baseUrl}/api/services`)).json()) as {
      services: { service: string; count: number }[];
    };
    expect(body.services.find((s) => s.service === service)?.count).toBe(1);
  }, 60_000);
});
