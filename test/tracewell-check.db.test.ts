// `npm run tracewell-check` (and `npm run tracewell -- check`, `npx tracewell check`) against the
// test Tracewell: spans sent by the official SDK and exporter, budgets in a YAML file; exit 0 when
// every budget holds, 1 when one is violated, 2 when it cannot check (an endpoint with no
// requests, an unreachable server, a refused token, a bad file).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
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

/** How the check is started: the old alias, the tracewell CLI, or `npx tracewell`'s bin file. */
const ENTRIES = {
  alias: ["--import", "tsx", "scripts/tracewell-check.ts"],
  cli: ["--import", "tsx", "scripts/tracewell.ts"],
  bin: ["bin/tracewell.mjs"],
} as const;

async function check(
  budgets: string,
  url = baseUrl,
  options: { entry?: keyof typeof ENTRIES; extra?: string[] } = {},
): Promise<{ code: number | null; output: string }> {
  const file = path.join(dir, `${randomBytes(4).toString("hex")}.yaml`);
  writeFileSync(file, budgets);
  const child = spawn(
    process.execPath,
    [
      ...ENTRIES[options.entry ?? "alias"],
      "check",
      "--url",
      url,
      "--budgets",
      file,
      "--since",
      "15m",
      ...(options.extra ?? []),
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

/** service.version 1.0.0 answers GET /pay in 600 ms, 2.0.0 in 60 ms (20 requests each). */
const versioned = `budgets-v-${randomBytes(3).toString("hex")}`;
async function recordVersions(): Promise<void> {
  for (const [version, ms] of [
    ["1.0.0", 600],
    ["2.0.0", 60],
  ] as const) {
    await sendSpans(
      makeExporter("http/protobuf", otlpHttpUrl),
      (tracer) => {
        const start = Date.now() - 2 * 60_000;
        for (let i = 0; i < 20; i++) {
          const at = start + i * 1000;
          tracer
            .startSpan(
              "GET /pay",
              {
                kind: SpanKind.SERVER,
                startTime: at,
                attributes: { "http.request.method": "GET", "http.route": "/pay" },
              },
              ROOT_CONTEXT,
            )
            .end(at + ms);
        }
      },
      { "service.name": versioned, "service.version": version },
      { batched: true },
    );
  }
}

describe("tracewell check", () => {
  const pay = `budgets:\n  - { service: ${versioned}, endpoint: GET /pay, p95Ms: 300, errorRate: 0.01 }\n`;

  it("is a command of the tracewell CLI and of `npx tracewell`, with the same exit codes", async () => {
    const holds = await eventually(async () => {
      const run = await check(`budgets:\n${budget("GET /cart", 200)}`, baseUrl, { entry: "cli" });
      expect(run.code, run.output).toBe(0);
      return run;
    });
    // every objective with its actual value
    expect(holds.output).toMatch(
      /OK\s+budgets-\w+\s+GET \/cart\s+20\s+\d+\.\dms\s+200ms\s+p95 \d+\.\dms ≤ 200ms; errors 0\.00% ≤ 1\.00%/,
    );
    const violated = await check(`budgets:\n${budget("GET /search", 500)}`, baseUrl, { entry: "bin" });
    expect(violated.code, violated.output).toBe(1);
    expect(violated.output).toMatch(/VIOLATED\s+budgets-\w+\s+GET \/search/);
    const unknown = await check(`budgets:\n${budget("GET /nope", 200)}`, baseUrl, { entry: "bin" });
    expect(unknown.code, unknown.output).toBe(2);
  }, 90_000);

  it("--version V checks only that service.version's requests", async () => {
    await recordVersions();
    const all = await eventually(async () => {
      const run = await check(pay, baseUrl, { entry: "cli" });
      expect(run.code, run.output).toBe(1);
      return run;
    });
    expect(all.output).toMatch(/GET \/pay\s+40\s/);
    const fixed = await eventually(async () => {
      const run = await check(pay, baseUrl, { entry: "cli", extra: ["--version", "2.0.0"] });
      expect(run.code, run.output).toBe(0);
      return run;
    });
    expect(fixed.output).toContain("service.version 2.0.0");
    expect(fixed.output).toMatch(/OK\s+budgets-v-\w+\s+GET \/pay\s+20\s+60\.0ms/);
    const old = await check(pay, baseUrl, { entry: "cli", extra: ["--version", "1.0.0"] });
    expect(old.code, old.output).toBe(1);
    expect(old.output).toMatch(/p95 600\.0ms > 300ms/);
    const none = await check(pay, baseUrl, { entry: "cli", extra: ["--version", "9.9.9"] });
    expect(none.code, none.output).toBe(2);
  }, 90_000);

  it("exits 2 when the token is refused (401/403), saying to pass --token; sends it as a Bearer", async () => {
    const seen: (string | undefined)[] = [];
    const refusing = http.createServer((request, response) => {
      seen.push(request.headers.authorization);
      response
        .writeHead(request.url?.startsWith("/api/endpoints") ? 401 : 404)
        .end('{"error":"unauthorised"}');
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
      const run = await check(`budgets:\n${budget("GET /cart", 200)}`, url, {
        entry: "cli",
        extra: ["--token", "twr_secret"],
      });
      expect(run.code, run.output).toBe(2);
      expect(run.output).toContain("refused the request (401): pass a valid --token");
      expect(seen).toEqual(["Bearer twr_secret"]);
    } finally {
      refusing.close();
    }
  }, 30_000);

  it("exits 2 on a bad budgets file, naming the entry to fix", async () => {
    const run = await check(
      `budgets:\n${budget("GET /cart", 200)}  - { service: shop, endpoint: GET /x, p95ms: 100 }\n`,
      baseUrl,
      { entry: "cli" },
    );
    expect(run.code, run.output).toBe(2);
    expect(run.output).toContain("budgets[1] (shop GET /x)");
    expect(run.output).toContain('Unrecognized key: "p95ms"');
    const yaml = await check("budgets:\n  - service: [unclosed\n", baseUrl, { entry: "cli" });
    expect(yaml.code, yaml.output).toBe(2);
    expect(yaml.output).toMatch(/Invalid budgets file: not YAML: .* at line \d+/);
  }, 30_000);
});
