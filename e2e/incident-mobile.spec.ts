// Every page at a phone's width (390 px): nothing wider than the screen, so nothing scrolls the
// page sideways; names and key columns stay readable (issue 16).
import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { expect, type Page, test } from "@playwright/test";
import { sendTraces } from "@/e2e/support/seed";

const runId = randomBytes(3).toString("hex");
const service = `inc-mobile-checkout-service-${runId}`;
const ENDPOINT = "GET /orders/{orderId}/items/{itemId}";

let traceId: string | undefined;

test.use({ viewport: { width: 390, height: 844 } });

test.beforeAll(async () => {
  const now = Date.now();
  const sent = await sendTraces(
    Array.from({ length: 4 }, (_, i) => ({
      service,
      name: ENDPOINT,
      kind: SpanKind.SERVER,
      start: now - (4 - i) * 60_000,
      end: now - (4 - i) * 60_000 + 120,
      attributes: { "http.request.method": "GET", "http.route": "/orders/{orderId}/items/{itemId}" },
      error: i === 1 ? "item lookup failed" : undefined,
      children: [
        {
          name: "GET",
          kind: SpanKind.CLIENT,
          start: now - (4 - i) * 60_000 + 2,
          end: now - (4 - i) * 60_000 + 8,
          attributes: { "db.system": "redis", "cache.hit": i % 2 === 0 },
        },
      ],
    })),
  );
  traceId = sent.traceIds[1];
});

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

const loaded = expect.configure({ timeout: 20_000 });

const pages: [string, () => string, (page: Page) => Promise<void>][] = [
  [
    "overview",
    () => "/?range=15m",
    (page) => loaded(page.getByRole("region", { name: service })).toBeVisible(),
  ],
  [
    "endpoint",
    () => `/endpoints?${new URLSearchParams({ service, endpoint: ENDPOINT })}&range=15m`,
    // A flat line has no height, so "visible" never holds: wait for its path instead.
    (page) =>
      loaded(
        page.getByRole("region", { name: "Latency" }).locator("path.recharts-line-curve").first(),
      ).toHaveAttribute("d", /L/),
  ],
  [
    "caches",
    () => "/caches?range=15m",
    (page) => loaded(page.getByRole("heading", { level: 1 })).toBeVisible(),
  ],
  [
    "trace search",
    () => "/traces?range=15m",
    (page) => loaded(page.getByRole("heading", { level: 1 })).toBeVisible(),
  ],
  [
    "metrics",
    () => "/metrics?range=15m",
    (page) => loaded(page.getByRole("heading", { level: 1 })).toBeVisible(),
  ],
  ["pinned", () => "/pinned", (page) => loaded(page.getByRole("heading", { level: 1 })).toBeVisible()],
  ["trace", () => `/traces/${traceId}`, (page) => loaded(page.getByRole("tree")).toBeVisible()],
  ["settings", () => "/settings", (page) => loaded(page.getByRole("heading", { level: 1 })).toBeVisible()],
  [
    "trace comparison",
    () => `/traces/compare?a=${traceId}&b=${traceId}`,
    (page) => loaded(page.getByRole("heading", { level: 1 })).toBeVisible(),
  ],
  [
    "not found",
    () => "/no-such-page",
    (page) => loaded(page.getByRole("heading", { level: 1 })).toBeVisible(),
  ],
];

test.describe("at 390 px", () => {
  for (const [name, url, ready] of pages) {
    test(`the ${name} page does not scroll sideways`, async ({ page }) => {
      await page.goto(url());
      await ready(page);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      await expect(page.getByRole("button", { name: /theme|dark mode/i }).first()).toBeInViewport();
    });
  }

  test("the overview keeps the service and endpoint names readable", async ({ page }) => {
    await page.goto(`/?range=15m&service=${service}`);
    const section = page.getByRole("region", { name: service });
    await loaded(section).toBeVisible();
    const link = section.getByRole("link", { name: ENDPOINT });
    await expect(link).toBeVisible();
    // Not cut to "GET /orders…": the whole name fits in its cell (it may wrap).
    expect(await link.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await expect(link).toBeInViewport();
  });

  test("the caches page keeps the hit-ratio column on screen", async ({ page }) => {
    await page.goto(`/caches?range=15m&service=${service}`);
    const hitRatio = page.getByRole("columnheader", { name: "Hit ratio" }).last();
    await loaded(hitRatio).toBeVisible();
    await expect(hitRatio).toBeInViewport({ ratio: 1 });
  });

  test("the waterfall's axis labels do not overlap", async ({ page }) => {
    await page.goto(`/traces/${traceId}`);
    await loaded(page.getByRole("tree")).toBeVisible();
    const labels = page.locator("div.sticky[aria-hidden='true'] span.tabular-nums");
    await expect(labels.first()).toBeVisible();
    const boxes = [];
    for (const label of await labels.all()) {
      if (await label.isVisible()) boxes.push(await label.boundingBox());
    }
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    for (let k = 1; k < boxes.length; k++) {
      const [left, right] = [boxes[k - 1], boxes[k]];
      if (!left || !right) throw new Error("a label has no box");
      expect(left.x + left.width, `label ${k - 1} ends before label ${k} starts`).toBeLessThanOrEqual(
        right.x + 0.5,
      );
    }
  });
});
