// Budgets set through the API (GET/POST /api/budgets, PUT/DELETE /api/budgets/{id}) against spans
// sent by the official SDK: each budget's value now and verdict; bad bodies answered 400 with how
// to fix them. Then the webhook: a Tracewell of its own (fast check interval, N = 0.01 minutes,
// a local receiver that fails the first delivery) plus a second worker-only process on the same
// database: the receiver gets the violation once (after a retry) and the recovery once.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { ROOT_CONTEXT, SpanKind, type Tracer } from "@opentelemetry/api";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { budgetsResponseSchema, storedBudgetSchema } from "@/lib/contracts/budget-schemas";
import { eventually } from "./support/eventually";
import { makeExporter, sendSpans } from "./support/send-spans";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startTracewellProcess, type TracewellProcess } from "./support/tracewell-process";

const { baseUrl, otlpHttpUrl } = inject("tracewell");

/** 20 requests of GET /slow (400 ms, 2 of them failing) in the last minutes. */
function record(tracer: Tracer): void {
  const start = Date.now() - 2 * 60_000;
  for (let i = 0; i < 20; i++) {
    const at = start + i * 1000;
    const span = tracer.startSpan(
      "GET /slow",
      {
        kind: SpanKind.SERVER,
        startTime: at,
        attributes: {
          "http.request.method": "GET",
          "http.route": "/slow",
          "http.response.status_code": i < 2 ? 500 : 200,
        },
      },
      ROOT_CONTEXT,
    );
    span.end(at + 400);
  }
}

async function send(url: string, service: string): Promise<void> {
  await sendSpans(makeExporter("http/protobuf", url), record, { "service.name": service }, { batched: true });
}

async function api(base: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${base}${route}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

describe("budgets API", () => {
  const service = `budget-api-${randomBytes(3).toString("hex")}`;
  beforeAll(() => send(otlpHttpUrl, service));

  it("creates, lists with the value now and verdict, edits and deletes a budget", async () => {
    const created = await api(baseUrl, "POST", "/api/budgets", {
      service,
      endpoint: "GET /slow",
      p95Ms: 200,
      errorRate: 0.2,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const budget = storedBudgetSchema.parse(created.json);
    expect(budget).toMatchObject({ service, endpoint: "GET /slow", p95Ms: 200, p50Ms: null, source: "ui" });

    const listed = await eventually(async () => {
      const list = budgetsResponseSchema.parse((await api(baseUrl, "GET", "/api/budgets")).json);
      const mine = list.budgets.find((b) => b.id === budget.id);
      expect(mine?.actual?.count).toBe(20);
      return { list, mine };
    });
    expect(listed.list.windowMs).toBe(15 * 60_000);
    expect(listed.mine).toMatchObject({
      verdict: "violated",
      violations: [expect.stringMatching(/^p95 \d+\.\dms > 200ms$/)],
    });
    expect(listed.mine?.actual?.errorRate).toBeCloseTo(0.1);
    expect(listed.mine?.objectives.map((o) => [o.name, o.ok])).toEqual([
      ["p95", false],
      ["errors", true],
    ]);

    const edited = await api(baseUrl, "PUT", `/api/budgets/${budget.id}`, {
      service,
      endpoint: "GET /slow",
      p95Ms: 1000,
      errorRate: 0.05,
      webhookUrl: "http://127.0.0.1:9/hook",
    });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    expect(edited.json).toMatchObject({
      p95Ms: 1000,
      errorRate: 0.05,
      webhookUrl: "http://127.0.0.1:9/hook",
    });
    const after = budgetsResponseSchema.parse((await api(baseUrl, "GET", "/api/budgets?window=30m")).json);
    expect(after.to - after.from).toBe(30 * 60_000 + 1);
    expect(after.budgets.find((b) => b.id === budget.id)).toMatchObject({
      verdict: "violated",
      violations: ["errors 10.00% > 5.00%"],
    });

    const unknown = await api(baseUrl, "POST", "/api/budgets", {
      service,
      endpoint: "GET /never",
      p99Ms: 10,
    });
    expect(unknown.status).toBe(201);
    const list = budgetsResponseSchema.parse((await api(baseUrl, "GET", "/api/budgets")).json);
    expect(list.budgets.find((b) => b.endpoint === "GET /never" && b.service === service)).toMatchObject({
      verdict: "unknown",
      actual: null,
    });

    expect((await api(baseUrl, "DELETE", `/api/budgets/${budget.id}`)).status).toBe(204);
    expect((await api(baseUrl, "DELETE", `/api/budgets/${budget.id}`)).status).toBe(404);
    const put = await api(baseUrl, "PUT", `/api/budgets/${budget.id}`, {
      service,
      endpoint: "GET /x",
      p95Ms: 1,
    });
    expect(put.status).toBe(404);
  });

  it.each([
    ["no objective", { endpoint: "GET /a" }, /at least one of p50Ms, p95Ms, p99Ms, errorRate/],
    ["a negative p95", { endpoint: "GET /a", p95Ms: -5 }, /p95Ms: must be a positive number/],
    [
      "an error rate in percent",
      { endpoint: "GET /a", errorRate: 5 },
      /errorRate: must be a share from 0 to 1/,
    ],
    ["a misspelt key", { endpoint: "GET /a", p95ms: 5 }, /Unrecognized key: "p95ms"/],
    [
      "a webhook that is not http",
      { endpoint: "GET /a", p95Ms: 5, webhookUrl: "ftp://x/y" },
      /webhookUrl must be an http\(s\) URL/,
    ],
    ["no endpoint", { p95Ms: 5 }, /endpoint:/],
  ])("answers 400 to %s, saying what to send", async (_, fields, message) => {
    const response = await api(baseUrl, "POST", "/api/budgets", { service, ...fields });
    expect(response.status).toBe(400);
    expect(String(response.json?.error)).toMatch(message);
    expect(String(response.json?.error)).toContain('{"service": "shop", "endpoint": "GET /cart"');
  });

  it("answers 400 to a second budget for the same endpoint, pointing at PUT", async () => {
    const body = { service, endpoint: "GET /twice", p95Ms: 5 };
    expect((await api(baseUrl, "POST", "/api/budgets", body)).status).toBe(201);
    const again = await api(baseUrl, "POST", "/api/budgets", body);
    expect(again.status).toBe(400);
    expect(String(again.json?.error)).toContain("already has a budget: change it with PUT /api/budgets/{id}");
  });

  it("answers 400 to a bad window", async () => {
    const response = await api(baseUrl, "GET", "/api/budgets?window=fortnight");
    expect(response.status).toBe(400);
    expect(String(response.json?.error)).toContain("is not a duration like 90s, 15m");
  });
});

interface Received {
  event: string;
  header: string | undefined;
  body: Record<string, unknown>;
}

describe("budget webhook", () => {
  const service = `budget-hook-${randomBytes(3).toString("hex")}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), "budgets-"));
  const received: Received[] = [];
  let refusals = 0;
  let receiver: http.Server;
  let database: TestDatabase;
  let tracewell: TracewellProcess;
  let worker: TracewellProcess;

  beforeAll(async () => {
    receiver = http.createServer((request, response) => {
      let text = "";
      request.on("data", (chunk) => (text += chunk));
      request.on("end", () => {
        // The first delivery fails: it must be retried, not lost.
        if (refusals === 0) {
          refusals++;
          response.writeHead(500).end();
          return;
        }
        const body = JSON.parse(text) as Record<string, unknown>;
        received.push({
          event: String(body.event),
          header: request.headers["x-tracewell-event"] as string,
          body,
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const file = path.join(dir, "budgets.yaml");
    writeFileSync(file, `budgets:\n  - service: ${service}\n    endpoint: GET /slow\n    p95Ms: 5000\n`);
    database = await createTestDatabase();
    const env = {
      BUDGETS_FILE: file,
      BUDGET_WEBHOOK_URL: hook,
      BUDGET_CHECK_INTERVAL: "200ms",
      BUDGET_VIOLATION_MINUTES: "0.01",
      BUDGET_WEBHOOK_RETRY_BASE: "300ms",
    };
    tracewell = await startTracewellProcess({ databaseUrl: database.url, env });
    worker = await startTracewellProcess({
      databaseUrl: database.url,
      env: { ...env, TRACEWELL_ROLES: "worker" },
    });
    await send(tracewell.otlpHttpUrl, service);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await tracewell?.stop();
    await database?.drop();
    receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads BUDGETS_FILE at start", async () => {
    const list = budgetsResponseSchema.parse((await api(tracewell.baseUrl, "GET", "/api/budgets")).json);
    expect(list.violationMinutes).toBe(0.01);
    expect(list.defaultWebhook).toBe(true);
    expect(list.budgets).toEqual([
      expect.objectContaining({ service, endpoint: "GET /slow", p95Ms: 5000, source: "file" }),
    ]);
    expect(tracewell.output.join("\n")).toContain("Loaded 1 budget(s) from BUDGETS_FILE");
  });

  it("POSTs the violation once (retried after a failure) and the recovery once", async () => {
    const list = budgetsResponseSchema.parse((await api(tracewell.baseUrl, "GET", "/api/budgets")).json);
    const budget = list.budgets[0];
    if (!budget) throw new Error("no budget");
    // The spans hold the file's budget: nothing is sent.
    const tightened = await api(tracewell.baseUrl, "PUT", `/api/budgets/${budget.id}`, {
      service,
      endpoint: "GET /slow",
      p95Ms: 100,
    });
    expect(tightened.status).toBe(200);
    await eventually(async () => expect(received.map((r) => r.event)).toEqual(["budget.violated"]), 30_000);
    expect(refusals).toBe(1);
    const violation = received[0] as Received;
    expect(violation.header).toBe("budget.violated");
    expect(violation.body).toMatchObject({
      event: "budget.violated",
      budget: { id: budget.id, service, endpoint: "GET /slow", p95Ms: 100, errorRate: null },
      actual: { count: 20, errorRate: 0.1 },
      violations: [expect.stringMatching(/^p95 \d+\.\dms > 100ms$/)],
      recoveredAt: null,
      windowMs: 15 * 60_000,
    });
    expect(Date.parse(String(violation.body.violatedSince))).toBeLessThanOrEqual(
      Date.parse(String(violation.body.sentAt)),
    );
    // The page shows since when.
    const violated = budgetsResponseSchema.parse((await api(tracewell.baseUrl, "GET", "/api/budgets")).json);
    expect(violated.budgets[0]).toMatchObject({
      verdict: "violated",
      violatedSince: violation.body.violatedSince,
    });

    const loosened = await api(tracewell.baseUrl, "PUT", `/api/budgets/${budget.id}`, {
      service,
      endpoint: "GET /slow",
      p95Ms: 5000,
    });
    expect(loosened.status).toBe(200);
    await eventually(
      async () => expect(received.map((r) => r.event)).toEqual(["budget.violated", "budget.recovered"]),
      30_000,
    );
    expect(received[1]?.body).toMatchObject({
      event: "budget.recovered",
      violations: [],
      violatedSince: violation.body.violatedSince,
      recoveredAt: expect.any(String),
    });
    // Two workers, several checks since: still one of each, every delivery recorded once. The
    // worker records a delivery after the receiver has answered, so the row may lag the POST.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await eventually(async () => {
        const rows = await client.query<{ event: string; attempts: number; delivered: boolean }>(
          "SELECT event, attempts, delivered_at IS NOT NULL AS delivered FROM budget_notifications ORDER BY id",
        );
        expect(rows.rows).toEqual([
          { event: "budget.violated", attempts: 2, delivered: true },
          { event: "budget.recovered", attempts: 1, delivered: true },
        ]);
      }, 10_000);
    } finally {
      await client.end();
    }
    expect(received).toHaveLength(2);
  }, 60_000);

  it("refuses to start with a bad BUDGETS_FILE, naming the entry", async () => {
    const bad = path.join(dir, "bad.yaml");
    writeFileSync(bad, "budgets:\n  - { service: shop, endpoint: GET /a, p95Ms: fast }\n");
    await expect(
      startTracewellProcess({
        databaseUrl: database.url,
        env: { TRACEWELL_ROLES: "worker", BUDGETS_FILE: bad },
      }),
    ).rejects.toThrow(
      /BUDGETS_FILE .*bad\.yaml: Invalid budgets file[\s\S]*budgets\[0\]\.p95Ms \(shop GET \/a\)/,
    );
  }, 60_000);
});
