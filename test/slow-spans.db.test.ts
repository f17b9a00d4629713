// Slow spans (GET /api/spans/slow) end to end: requests sent with the official exporter, their
// inner spans grouped by normalised name/statement and checked against the known durations.
//
// 20 requests i = 0…19, one a minute, each:
//
//   GET /orders/{id}                 shop SERVER    100 ms
//   ├── SELECT … WHERE id = {i}      shop CLIENT    db.query.text; 10 + i ms
//   ├── SELECT … WHERE id IN (…)     shop CLIENT    db.statement (older SDKs); 5 ms
//   ├── render order {i}             shop INTERNAL  20 ms
//   └── GET /stock                   stock SERVER   30 ms (another service, inside the request)
//
// and, outside any of them, a "GET /health" request with a "ping" child, which must not count.
import { randomBytes } from "node:crypto";
import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { type SlowSpansResponse, slowSpansResponseSchema } from "@/lib/contracts/slow-span-schemas";
import { sendServices } from "./support/send-services";
import { makeExporter } from "./support/send-spans";

const { baseUrl, otlpHttpUrl } = inject("tracewell");
const SHOP = `shop-${randomBytes(3).toString("hex")}`;
const STOCK = `stock-${randomBytes(3).toString("hex")}`;
const MINUTE = 60_000;
const base = Math.floor((Date.now() - 2 * 86_400_000) / MINUTE) * MINUTE;
const REQUESTS = 20;

beforeAll(async () => {
  await sendServices(
    () => makeExporter("http/protobuf", otlpHttpUrl),
    [{ "service.name": SHOP }, { "service.name": STOCK }],
    ([shop, stock]) => {
      if (!shop || !stock) throw new Error("two tracers expected");
      for (let i = 0; i < REQUESTS; i++) {
        const start = base + i * MINUTE;
        const root = shop.startSpan(
          "GET /orders/{id}",
          {
            kind: SpanKind.SERVER,
            startTime: start,
            attributes: { "http.request.method": "GET", "http.route": "/orders/{id}" },
          },
          ROOT_CONTEXT,
        );
        const inside = trace.setSpan(ROOT_CONTEXT, root);
        const child = (
          tracer: typeof shop,
          name: string,
          kind: SpanKind,
          offset: number,
          ms: number,
          attributes = {},
        ) =>
          tracer
            .startSpan(name, { kind, startTime: start + offset, attributes }, inside)
            .end(start + offset + ms);
        child(shop, "pg.query:SELECT", SpanKind.CLIENT, 1, 10 + i, {
          "db.system.name": "postgresql",
          "db.query.text": `SELECT * FROM orders WHERE id = ${i}`,
        });
        child(shop, "pg.query:SELECT", SpanKind.CLIENT, 12, 5, {
          "db.system": "postgresql",
          "db.statement": `SELECT * FROM items WHERE order_id IN (${i}, ${i + 1}, ${i + 2}) AND sku = 'x-${i}'`,
        });
        child(shop, `render order ${1000 + i}`, SpanKind.INTERNAL, 20, 20);
        child(stock, "GET /stock", SpanKind.SERVER, 50, 30, {
          "http.request.method": "GET",
          "http.route": "/stock",
        });
        root.end(start + 100);
      }
      const health = shop.startSpan(
        "GET /health",
        {
          kind: SpanKind.SERVER,
          startTime: base + 30_000,
          attributes: { "http.route": "/health", "http.request.method": "GET" },
        },
        ROOT_CONTEXT,
      );
      shop
        .startSpan("ping", { startTime: base + 30_001 }, trace.setSpan(ROOT_CONTEXT, health))
        .end(base + 30_500);
      health.end(base + 31_000);
    },
  );
});

async function slow(params: Record<string, string>): Promise<SlowSpansResponse> {
  const query = new URLSearchParams({ from: String(base), to: String(base + REQUESTS * MINUTE), ...params });
  const response = await fetch(`${baseUrl}/api/spans/slow?${query}`);
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  return slowSpansResponseSchema.parse(body);
}

describe("GET /api/spans/slow", () => {
  it("groups an endpoint's inner spans by normalised statement and name, heaviest first", async () => {
    const result = await slow({ service: SHOP, endpoint: "GET /orders/{id}" });
    expect(result.requestCount).toBe(REQUESTS);
    expect(result.requestTimeMs).toBeCloseTo(REQUESTS * 100, 6);
    const byName = Object.fromEntries(result.groups.map((g) => [`${g.service} ${g.name}`, g]));
    expect(Object.keys(byName).sort()).toEqual(
      [
        `${SHOP} SELECT * FROM orders WHERE id = ?`,
        `${SHOP} SELECT * FROM items WHERE order_id IN (?) AND sku = ?`,
        `${SHOP} render order ?`,
        `${STOCK} GET /stock`,
      ].sort(),
    );
    // 10…29 ms: exact percentile_cont values over twenty evenly spaced durations.
    const orders = byName[`${SHOP} SELECT * FROM orders WHERE id = ?`];
    expect(orders).toMatchObject({ count: 20, maxMs: 29, totalMs: 390 });
    expect(orders?.p50Ms).toBeCloseTo(19.5, 6);
    expect(orders?.p95Ms).toBeCloseTo(28.05, 6);
    expect(orders?.share).toBeCloseTo(390 / 2000, 6);
    expect(orders?.examples.map((e) => e.durationMs)).toEqual([29, 28, 27]);
    expect(orders?.examples[0]?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(orders?.examples[0]?.spanId).toMatch(/^[0-9a-f]{16}$/);
    // Sorted by total time: stock 600, orders 390, render 400 → stock, render, orders, items.
    expect(result.groups.map((g) => g.totalMs)).toEqual([600, 400, 390, 100]);
  });

  it("per service: every request of the service, with limit", async () => {
    const result = await slow({ service: SHOP, limit: "2" });
    expect(result.requestCount).toBe(REQUESTS + 1); // GET /health too
    // GET /health's 499 ms "ping" now counts: 600 (stock) > 499 (ping) > 400 (render).
    expect(result.groups.map((g) => g.name)).toEqual(["GET /stock", "ping"]);
    expect(result.groups[1]).toMatchObject({ count: 1, totalMs: 499 });
  });

  it.each([
    ["", "the service parameter is required"],
    ["service=x&limit=0", "limit must be a whole number from 1 to 100"],
    ["service=x&from=later", 'from="later" is not a time'],
  ])("400 for ?%s", async (query, message) => {
    const response = await fetch(`${baseUrl}/api/spans/slow?${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(message);
  });
});
