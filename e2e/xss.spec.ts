// Hostile telemetry stays text: XSS payloads in span names, attribute keys and values, event
// names, service names and endpoint names — sent with the official SDK and OTLP/protobuf exporter,
// like any service's spans — are shown literally on the overview, the endpoint page, trace search,
// the trace page, insights and a public share link; no payload ever runs (window.__xss stays
// undefined, no dialog opens, no <img src=x> is created, no link points at javascript:).
import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { expect, type Page, test } from "@playwright/test";
import { queryPostgres, type SeedSpan, sendTraces } from "@/e2e/support/seed";

const IMG = "<img src=x onerror=window.__xss=1>";
const SCRIPT = "<script>window.__xss=1</script>";
const JS_URL = "javascript:window.__xss=1";
const run = randomBytes(3).toString("hex");
/** Service names carry a payload and a unique tail, so each run filters to its own spans. */
const frontend = `${IMG}-${run}`;
const backend = `${SCRIPT}-${run}`;
const route = `/${IMG}`;
const endpoint = `GET ${route}`;

let traceId = "";

/**
 * GET /<img…>                      frontend  SERVER   0─300  attributes with payload keys/values, payload event
 * └── <script>…</script> handler   frontend  INTERNAL 1─299
 *     ├── pg.query:SELECT × 6      frontend  CLIENT   20 ms each   → an N+1 finding on this endpoint
 *     └── <img…> call              backend   SERVER   200─280      (a second hostile service)
 */
test.beforeAll(async () => {
  const t0 = Date.now() - 60_000;
  const queries = Array.from({ length: 6 }, (_, i) =>
    queryPostgres(`SELECT * FROM items WHERE id = ${i} /* ${IMG} */`, t0 + 5 + i * 25, t0 + 25 + i * 25),
  );
  const root: SeedSpan = {
    service: frontend,
    name: SCRIPT,
    kind: SpanKind.SERVER,
    start: t0,
    end: t0 + 300,
    attributes: {
      "http.request.method": "GET",
      "http.route": route,
      "url.full": JS_URL,
      [IMG]: SCRIPT,
      "note.link": JS_URL,
    },
    events: [{ name: IMG, at: t0 + 2, attributes: { [SCRIPT]: IMG } }],
    children: [
      {
        name: `${SCRIPT} handler`,
        kind: SpanKind.INTERNAL,
        start: t0 + 1,
        end: t0 + 299,
        children: [
          ...queries,
          {
            service: backend,
            name: `${IMG} call`,
            kind: SpanKind.SERVER,
            start: t0 + 200,
            end: t0 + 280,
            attributes: { "http.request.method": "GET", "http.route": JS_URL },
            error: SCRIPT,
          },
        ],
      },
    ],
  };
  traceId = (await sendTraces([root])).traceIds[0] as string;
});

/** Watches a page for anything a payload could do. */
function guard(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return async (where: string) => {
    expect(
      await page.evaluate(() => (window as { __xss?: unknown }).__xss),
      `${where}: window.__xss`,
    ).toBeUndefined();
    expect(dialogs, `${where}: dialogs`).toEqual([]);
    await expect(page.locator('img[src="x"]'), `${where}: injected <img>`).toHaveCount(0);
    const scriptLinks = await page.evaluate(
      () =>
        [...document.querySelectorAll("a[href], form[action], iframe[src]")].filter((element) =>
          /^\s*javascript:/i.test(
            element.getAttribute("href") ??
              element.getAttribute("action") ??
              element.getAttribute("src") ??
              "",
          ),
        ).length,
    );
    expect(scriptLinks, `${where}: javascript: links`).toBe(0);
  };
}

test("payloads stay text on the overview, endpoint page, trace search and trace page", async ({ page }) => {
  // Five pages, each loaded cold, on a busy 2-core machine.
  test.setTimeout(120_000);
  const check = guard(page);

  await test.step("overview", async () => {
    await page.goto(`/?${new URLSearchParams({ range: "1h", service: frontend })}`);
    const main = page.getByRole("main");
    await expect(main.getByText(endpoint, { exact: true }).first()).toBeVisible({ timeout: 20_000 });
    await expect(main.getByRole("heading", { level: 2, name: frontend })).toBeVisible();
    await check("overview");
  });

  await test.step("endpoint page", async () => {
    await page.goto(`/endpoints?${new URLSearchParams({ service: frontend, endpoint, range: "1h" })}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(endpoint, { timeout: 20_000 });
    await check("endpoint page");
  });

  await test.step("trace search", async () => {
    await page.goto(`/traces?${new URLSearchParams({ service: frontend, range: "1h" })}`);
    await expect(page.getByRole("main").getByText(SCRIPT, { exact: true }).first()).toBeVisible({
      timeout: 20_000,
    });
    await check("trace search");
  });

  await test.step("trace page, span details, events", async () => {
    await page.goto(`/traces/${traceId}`);
    await expect(page.getByRole("heading", { level: 1, name: SCRIPT })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole("list", { name: "Services" })).toContainText(backend);
    // Opens on the error span (the backend's); then the root with its hostile attributes and event.
    const details = page.getByRole("complementary", { name: "Span details" });
    await expect(details.getByRole("heading", { name: `${IMG} call` })).toBeVisible();
    await page.getByRole("treeitem").filter({ hasText: SCRIPT }).first().click();
    await expect(details.getByRole("heading", { name: SCRIPT })).toBeVisible();
    await expect(details.getByText(IMG, { exact: true }).first()).toBeVisible();
    await expect(details.getByText(JS_URL, { exact: true }).first()).toBeVisible();
    await check("trace page");
  });
});

test("payloads stay text on insights and on a public share link", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const check = guard(page);
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(async () => {
    await page.goto(`/insights?${new URLSearchParams({ service: frontend, range: "1h" })}`);
    await expect(rows).toHaveCount(1, { timeout: 15_000 });
  }).toPass({ timeout: 60_000 });
  await expect(rows.first()).toContainText(endpoint);
  await check("insights");

  const created = await request.post(`/api/traces/${traceId}/shares`, { data: { expiresInHours: 1 } });
  expect(created.status()).toBe(201);
  const { url } = (await created.json()) as { url: string };
  const visitor = await browser.newContext();
  const shared = await visitor.newPage();
  const checkShared = guard(shared);
  await shared.goto(url);
  await expect(shared.getByRole("heading", { level: 1, name: SCRIPT })).toBeVisible({ timeout: 20_000 });
  const details = shared.getByRole("complementary", { name: "Span details" });
  await shared.getByRole("treeitem").filter({ hasText: SCRIPT }).first().click();
  await expect(details.getByText(IMG, { exact: true }).first()).toBeVisible();
  await checkShared("share page");
  await visitor.close();
});
