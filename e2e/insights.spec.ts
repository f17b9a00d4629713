// Insights end to end: traces sent by the official SDK and OTLP/protobuf exporter, analysed by
// the worker, listed on /insights ranked by time to save; an example opens the trace with the
// offending spans highlighted, and the endpoint page shows its own findings.
import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { expect, test } from "@playwright/test";
import { type SeedSpan, sendTraces } from "./support/seed";

const service = `e2e-insights-${randomBytes(3).toString("hex")}`;

/**
 * Two requests, shaped as the http, express, pg and undici instrumentations record them:
 *
 *   GET /orders      SERVER 0–200
 *   └── request handler           INTERNAL
 *       ├── pg-pool.connect  ┐
 *       └── pg.query:SELECT  ┘ × 6, 20 ms each     → N+1, saves 100 ms
 *
 *   GET /four        SERVER: the same with 4 queries → a near miss (threshold 5), on its endpoint page only
 *
 *   GET /products    SERVER 0–700
 *   └── request handler           INTERNAL
 *       ├── GET http://inventory/stock   CLIENT 0–300
 *       └── GET http://pricing/price     CLIENT 310–610   → sequential calls, saves 300 ms
 *
 *   GET /search      SERVER 0–800
 *   └── pg.query:SELECT shop          CLIENT 50–750    → a slow query (p95 700 ms > 500 ms), saves 200 ms
 */
test.beforeAll(async () => {
  const t0 = Date.now() - 60_000;
  const queries = Array.from({ length: 6 }, (_, i): SeedSpan[] => [
    {
      name: "pg-pool.connect",
      kind: SpanKind.INTERNAL,
      start: t0 + 2 + i * 25,
      end: t0 + 3 + i * 25,
      attributes: { "db.system.name": "postgresql" },
    },
    {
      name: "pg.query:SELECT shop",
      kind: SpanKind.CLIENT,
      start: t0 + 4 + i * 25,
      end: t0 + 24 + i * 25,
      attributes: {
        "db.system.name": "postgresql",
        "db.query.text": `SELECT * FROM order_items WHERE order_id = ${i + 1}`,
      },
    },
  ]).flat();
  const call = (url: string, start: number, end: number): SeedSpan => ({
    name: "GET",
    kind: SpanKind.CLIENT,
    start,
    end,
    attributes: { "http.request.method": "GET", "url.full": url },
  });
  await sendTraces([
    {
      service,
      name: "GET /search",
      kind: SpanKind.SERVER,
      start: t0 + 5000,
      end: t0 + 5800,
      attributes: { "http.request.method": "GET", "http.route": "/search" },
      children: [
        {
          name: "pg.query:SELECT shop",
          kind: SpanKind.CLIENT,
          start: t0 + 5050,
          end: t0 + 5750,
          attributes: {
            "db.system.name": "postgresql",
            "db.query.text": "SELECT * FROM orders WHERE lower(email) = lower('ann@example.com')",
          },
        },
      ],
    },
    {
      service,
      name: "GET /four",
      kind: SpanKind.SERVER,
      start: t0 + 3000,
      end: t0 + 3200,
      attributes: { "http.request.method": "GET", "http.route": "/four" },
      children: queries
        .slice(0, 8)
        .map((child) => ({ ...child, start: child.start + 3000, end: child.end + 3000 })),
    },
    {
      service,
      name: "GET /orders",
      kind: SpanKind.SERVER,
      start: t0,
      end: t0 + 200,
      attributes: { "http.request.method": "GET", "http.route": "/orders" },
      children: [
        {
          name: "request handler - /orders",
          kind: SpanKind.INTERNAL,
          start: t0 + 1,
          end: t0 + 199,
          children: queries,
        },
      ],
    },
    {
      service,
      name: "GET /products",
      kind: SpanKind.SERVER,
      start: t0 + 1000,
      end: t0 + 1700,
      attributes: { "http.request.method": "GET", "http.route": "/products" },
      children: [
        {
          name: "request handler - /products",
          kind: SpanKind.INTERNAL,
          start: t0 + 1000,
          end: t0 + 1699,
          children: [
            call("http://inventory:8080/stock", t0 + 1000, t0 + 1300),
            call("http://pricing:8080/price", t0 + 1310, t0 + 1610),
          ],
        },
      ],
    },
  ]);
});

test("/insights ranks findings by time to save and opens an example with its spans highlighted", async ({
  page,
}) => {
  const rows = page.getByRole("table").locator("tbody tr");
  test.setTimeout(90_000);
  // Traces are analysed once quiet (ANALYSIS_QUIET_PERIOD): reload until the three findings are
  // listed (each attempt waits for the page, which a busy machine may take seconds to load).
  await expect(async () => {
    await page.goto(`/insights?service=${service}&range=1h`);
    await expect(rows).toHaveCount(3, { timeout: 15_000 });
  }).toPass({ timeout: 75_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible();
  await expect(rows.nth(0)).toHaveAttribute("data-kind", "sequential_calls");
  await expect(rows.nth(0)).toContainText("GET http://inventory:8080/stock | GET http://pricing:8080/price");
  // a slow query says what it was judged on: the statement's p95 and its share of the endpoint's time
  await expect(rows.nth(1)).toHaveAttribute("data-kind", "slow_query");
  await expect(rows.nth(1)).toContainText("SELECT * FROM orders WHERE lower(email) = lower(?)");
  await expect(rows.nth(1).getByTestId("insight-evidence")).toHaveText(
    /^p95 710ms over 1 call in 1 request · 88 % of the endpoint's time$/,
  );
  await expect(rows.nth(2)).toHaveAttribute("data-kind", "n_plus_one");
  await expect(rows.nth(2)).toContainText("SELECT * FROM order_items WHERE order_id = ?");

  await rows.nth(2).getByRole("link", { name: "100ms" }).click();
  await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}\?span=[0-9a-f]{16}&highlight=/);
  const highlighted = page.locator('[role="treeitem"][data-highlighted="true"]');
  await expect(highlighted).toHaveCount(6);
  for (const row of await highlighted.all())
    await expect(row).toHaveAttribute("aria-label", /^pg\.query:SELECT shop/);
  await expect(page.locator('[role="treeitem"][data-highlighted="true"][aria-selected="true"]')).toHaveCount(
    1,
  );
});

test("the endpoint page shows the endpoint's own findings", async ({ page }) => {
  await page.goto(`/insights?service=${service}&range=1h`);
  await page.getByRole("link", { name: `${service} · GET /orders` }).click();
  await expect(page).toHaveURL(/\/endpoints\?/);
  const panel = page.getByRole("region", { name: "Insights" });
  await expect(panel.locator("tbody tr")).toHaveCount(1);
  await expect(panel.locator("tbody tr")).toHaveAttribute("data-kind", "n_plus_one");
});

test("the endpoint page explains a near miss", async ({ page }) => {
  // The endpoint page loads its charts, lists and panels at once (a dozen requests): on a busy
  // machine one load can take longer than 2 s, so each attempt waits for the panel, not the clock.
  test.setTimeout(90_000);
  const nearMisses = page.getByRole("list", { name: "Near misses" });
  await expect(async () => {
    await page.goto(`/endpoints?service=${service}&endpoint=${encodeURIComponent("GET /four")}&range=1h`);
    await expect(nearMisses).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 75_000 });
  await expect(nearMisses.getByRole("listitem")).toHaveText([
    /N\+1 calls\s*SELECT \* FROM order_items WHERE order_id = \? — 4 repeated calls: below the threshold of 5 \(1\s+request\)/,
  ]);
});
