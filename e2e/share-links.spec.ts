// Public links to one trace in Chromium: Share on a seeded trace creates a link (copied, with its
// expiry and what it exposes); the link opens in a fresh browser context — no session, no cookies —
// on the waterfall and nothing else: no navigation, no link anywhere, no API but the share's own.
// Settings lists the link; revoking it there turns the link into a "revoked" page.
import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { expect, test } from "@playwright/test";
import { sendTraces } from "@/e2e/support/seed";

const service = `e2e-share-${randomBytes(3).toString("hex")}`;

/**
 * GET /orders/{id}     SERVER  0─80   (endpoint GET /orders/{id})
 * ├── SELECT orders    CLIENT  5─30
 * └── POST /charge     CLIENT  35─70  ERROR
 */
test("share a trace, open it without a session, revoke it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const t0 = Date.now() - 30_000;
  const { traceIds } = await sendTraces([
    {
      service,
      name: "GET /orders/{id}",
      kind: SpanKind.SERVER,
      start: t0,
      end: t0 + 80,
      attributes: { "http.request.method": "GET", "http.route": "/orders/{id}" },
      children: [
        {
          name: "SELECT orders",
          kind: SpanKind.CLIENT,
          start: t0 + 5,
          end: t0 + 30,
          attributes: { "db.system.name": "postgresql", "db.query.text": "SELECT * FROM orders" },
        },
        { name: "POST /charge", kind: SpanKind.CLIENT, start: t0 + 35, end: t0 + 70, error: "declined" },
      ],
    },
  ]);
  const traceId = traceIds[0] as string;

  await page.goto(`/traces/${traceId}`);
  await expect(page.getByRole("heading", { level: 1, name: "GET /orders/{id}" })).toBeVisible({
    timeout: 20_000,
  });
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("region", { name: "Share this trace" });
  await expect(dialog).toContainText("Anyone with the link can see this trace");
  await dialog.getByLabel("Link expires after").selectOption({ label: "1 day" });
  await dialog.getByRole("button", { name: "Create and copy link" }).click();
  const link = dialog.getByLabel("Share link");
  await expect(link).toHaveValue(/\/share\/tws_[A-Za-z0-9_-]{32}$/);
  const url = await link.inputValue();
  expect(new URL(url).origin).toBe(new URL(page.url()).origin);
  await expect(dialog).toContainText("Copied. Expires");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  // A fresh context: no cookies, no storage, nothing of the dashboard's session.
  const visitor = await browser.newContext();
  const shared = await visitor.newPage();
  const apiCalls: string[] = [];
  shared.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/api/")) apiCalls.push(path);
  });
  const response = await shared.goto(url);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response?.headers()["cache-control"]).toContain("no-store");
  // A fresh context loads every chunk cold: on the busy 2-core CI machine that takes a while.
  await expect(shared.getByRole("heading", { level: 1, name: "GET /orders/{id}" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(shared.getByRole("tree").getByRole("treeitem")).toHaveCount(3);
  await expect(shared.getByText("Shared trace, read-only")).toBeVisible();
  // Opens on its first error; the request's endpoint is text, not a link to the endpoint page.
  const details = shared.getByRole("complementary", { name: "Span details" });
  await expect(details.getByRole("heading", { name: "POST /charge" })).toBeVisible();
  await shared.getByRole("treeitem").filter({ hasText: "GET /orders/{id}" }).first().click();
  await expect(details.getByText("GET /orders/{id}", { exact: true }).last()).toBeVisible();

  // Nothing leads anywhere else: no navigation, no links, no pin/share/compare, no other API.
  await expect(shared.getByRole("navigation")).toHaveCount(0);
  await expect(shared.locator("a[href]")).toHaveCount(0);
  await expect(shared.locator("form[action]")).toHaveCount(0);
  for (const name of ["Pin", "Share", "Copy link", "Compare"]) {
    await expect(shared.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  expect(apiCalls.length).toBeGreaterThan(0);
  expect(apiCalls.filter((path) => !path.startsWith("/api/share/"))).toEqual([]);

  // Settings lists it (no token in sight) and revokes it.
  await page.goto("/settings");
  const panel = page.getByRole("region", { name: "Share links" });
  const row = panel.getByRole("row").filter({ hasText: traceId });
  await expect(row).toContainText("GET /orders/{id}", { timeout: 20_000 });
  await expect(panel).not.toContainText(new URL(url).pathname.slice("/share/".length));
  page.once("dialog", (confirm) => void confirm.accept());
  await row.getByRole("button", { name: "Revoke the share link to GET /orders/{id}" }).click();
  await expect(row).toHaveCount(0);

  await shared.reload();
  await expect(shared.getByRole("heading", { name: "This share link was revoked" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(
    shared.getByText(/^This share link was revoked on .*: ask whoever shared the trace for a new link\.$/),
  ).toBeVisible();
  await expect(shared.getByRole("treeitem")).toHaveCount(0);
  await visitor.close();
});

test("an unknown share link says so, on a 390 px screen too", async ({ browser }) => {
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await visitor.newPage();
  await page.goto(`/share/tws_${randomBytes(24).toString("base64url")}`);
  await expect(page.getByRole("heading", { name: "This share link does not open a trace" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText(/check that the whole link was copied/i)).toBeVisible();
  await expect(page.locator("a[href]")).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await visitor.close();
});
