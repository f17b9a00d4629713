// `npm run tracewell-check` against the test Tracewell: spans sent by the official SDK and
// exporter, budgets in a YAML file; exit 0 when every budget holds, 1 when one is violated,
// 2 when it cannot check (an endpoint with no requests, an unreachable server).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT_CONTEXT, SpanKind, type Tracer } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually } from "./support/eventually";
import { makeExporter, sendSpans } from "./support/send-spans";

const { baseUrl, otlpHttpUrl } = inject("tracewell");
const service = `budgets-${randomBytes(3).toString("hex")}`;
const dir = mkdtempSync(path.join(os.tmpdir(), "tracewell-check-"));

/** 20 requests each of GET /cart (40 ms) and GET /search (800 ms), in the last minutes. */
function record(tracer: Tracer): void {
  const start = Date.now() - 3 * 60_000;
  for (let i = 0; i < 20; i++) {
    for (const [route, ms] of [
      ["/cart", 40],
      ["/search", 800],
    ] as const) {
      const at = start + i * 1000;
      tracer
        .startSpan(
          `GET ${route}`,
          {
            kind: SpanKind.SERVER,
            startTime: at,
            attributes: { "http.request.method": "GET", "http.route": route },
          },
          ROOT_CONTEXT,
        )
        .end(at + ms);
    }
  }
}

beforeAll(async () => {
  await sendSpans(
    makeExporter("http/protobuf", otlpHttpUrl),
    record,
    { "service.name": service },
    { batched: true },
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function check(budgets: string, url = baseUrl): Promise<{ code: number | null; output: string }> {
  const file = path.join(dir, `${randomBytes(4).toString("hex")}.yaml`);
  writeFileSync(file, budgets);
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/tracewell-check.ts",
      "check",
      "--url",
      url,
      "--budgets",
      file,
      "--since",
      "15m",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, output };
}

const budget = (endpoint: string, p95Ms: number) =>
  `  - service: ${service}\n    endpoint: ${endpoint}\n    p95Ms: ${p95Ms}\n    errorRate: 0.01\n`;

describe("tracewell-check", () => {
  it("exits 0 when every budget holds", async () => {
    const result = await eventually(async () => {
      const run = await check(`budgets:\n${budget("GET /cart", 200)}${budget("GET /search", 2000)}`);
      expect(run.code, run.output).toBe(0);
      return run;
    });
    expect(result.output).toMatch(/OK\s+budgets-\w+\s+GET \/cart\s+20\s/);
  }, 60_000);

  it("exits 1 when a p95 exceeds its budget, naming it", async () => {
    const run = await check(`budgets:\n${budget("GET /cart", 200)}${budget("GET /search", 500)}`);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(
      /VIOLATED\s+budgets-\w+\s+GET \/search\s+20\s+\d+\.\dms\s+500ms\s+p95 \d+\.\dms > 500ms/,
    );
  }, 30_000);

  it("exits 2 when it cannot check: an endpoint without requests, an unreachable server, a bad file", async () => {
    const unknown = await check(`budgets:\n${budget("GET /nope", 200)}`);
    expect(unknown.code, unknown.output).toBe(2);
    expect(unknown.output).toContain("no requests in the window");
    const unreachable = await check(`budgets:\n${budget("GET /cart", 200)}`, "http://127.0.0.1:1");
    expect(unreachable.code, unreachable.output).toBe(2);
    expect(unreachable.output).toContain("Cannot reach Tracewell");
    const bad = await check("budgets: []\n");
    expect(bad.code, bad.output).toBe(2);
    expect(bad.output).toContain("Invalid budgets file");
  }, 60_000);
});
