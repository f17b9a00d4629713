// The latency dashboard end to end: requests sent by the official OpenTelemetry SDK, then read the
// way someone chasing a slow endpoint does: overview → endpoint → slow step → its trace.
import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { type SeedSpan, sendTraces } from "@/e2e/support/seed";

/** Unique per run, so other specs' data (and reruns against a kept server) never interfere. */
const runId = randomBytes(3).toString("hex");
const service = `e2e-shop-${runId}`;
const worker = `e2e-worker-${runId}`;
const ORDERS = "GET /orders/{id}";
const CHECKOUT = "POST /checkout";
const orderCount = 20;
const checkoutCount = 5;

/**
 * Over the last ~4 minutes, every 10 s:
 *
 * GET /orders/{id}        SERVER  30–230ms (one 950ms)  ×20, 2 ERROR (500)
 * └── GET                 CLIENT  redis, cache.hit = (i % 3 ≠ 0)
 * POST /checkout          SERVER  200–600ms  ×5, 1 ERROR
 * └── cache get cart      INTERNAL  redis, cache.hit = false
 * process order           CONSUMER  (service e2e-worker-…)  ×3
 */
function requests(now: number): SeedSpan[] {
  const base = now - 4 * 60_000;
  const orders = Array.from({ length: orderCount }, (_, i): SeedSpan => {
    const start = base + i * 10_000;
    const duration = i === 7 ? 950 : 30 + ((i * 53) % 200);
    const failed = i === 3 || i === 11;
    return {
      service,
      name: ORDERS,
      kind: SpanKind.SERVER,
      start,
      end: start + duration,
      attributes: {
        "http.request.method": "GET",
        "http.route": "/orders/{id}",
        "url.path": `/orders/${1000 + i}`,
        "http.response.status_code": failed ? 500 : 200,
      },
      error: failed ? "order lookup failed" : undefined,
      children: [
        {
          name: "GET",
          kind: SpanKind.CLIENT,
          start: start + 2,
          end: start + 6,
          attributes: { "db.system": "redis", "cache.hit": i % 3 !== 0, "db.operation.name": "GET" },
        },
      ],
    };
  });
  const checkouts = Array.from({ length: checkoutCount }, (_, i): SeedSpan => {
    const start = base + 5_000 + i * 40_000;
    return {
      service,
      name: CHECKOUT,
      kind: SpanKind.SERVER,
      start,
      end: start + 200 + i * 100,
      attributes: { "http.request.method": "POST", "http.route": "/checkout" },
      error: i === 2 ? "payment declined" : undefined,
      children: [
        {
          name: "cache get cart",
          kind: SpanKind.INTERNAL,
          start: start + 1,
          end: start + 3,
          attributes: { "db.system": "redis", "cache.hit": false },
        },
      ],
    };
  });
  const jobs = Array.from(
    { length: 3 },
    (_, i): SeedSpan => ({
      service: worker,
      name: "process order",
      kind: SpanKind.CONSUMER,
      start: base + i * 30_000,
      end: base + i * 30_000 + 80,
    }),
  );
  return [...orders, ...checkouts, ...jobs];
}

let seeded: Promise<unknown> | undefined;

/** Sends the requests once per worker and waits until the rollups count all of them. */
async function seed(request: APIRequestContext): Promise<void> {
  seeded ??= sendTraces(requests(Date.now()));
  await seeded;
  await expect
    .poll(
      async () => {
        const response = await request.get("/api/endpoints");
        if (!response.ok()) return response.status();
        const body = (await response.json()) as {
          endpoints: { service: string; endpoint: string; count: number }[];
        };
        return Object.fromEntries(
          body.endpoints
            .filter((e) => e.service === service || e.service === worker)
            .map((e) => [`${e.service} ${e.endpoint}`, e.count]),
        );
      },
      { message: `all requests of ${service} and ${worker} counted by /api/endpoints`, timeout: 15_000 },
    )
    .toEqual({
      [`${service} ${ORDERS}`]: orderCount,
      [`${service} ${CHECKOUT}`]: checkoutCount,
      [`${worker} process order`]: 3,
    });
}

/**
 * The first render after a navigation hydrates recharts and draws six charts; on a busy two-core
 * machine that has taken longer than the default 5 s, so waits for a page's data get more time.
 */
const loaded = expect.configure({ timeout: 20_000 });

const endpointUrl = (endpoint: string, extra = "range=15m") =>
  `/endpoints?${new URLSearchParams({ service, endpoint })}&${extra}`;

const serviceRegion = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const bodyRows = (page: Page) => serviceRegion(page, service).locator("tbody tr");
/** The error card of a link that cannot be shown (Next's route announcer is an alert too). */
const linkError = (page: Page) => page.getByRole("alert").filter({ hasText: "This link cannot be shown" });

test.describe("latency dashboard", () => {
  test.beforeEach(async ({ request }) => {
    await seed(request);
  });

  test("the overview lists the service, sorts its endpoints from the URL and opens one", async ({ page }) => {
    await page.goto("/?range=15m");
    const section = serviceRegion(page, service);
    await loaded(section).toBeVisible();
    await expect(section.getByText("Requests", { exact: true })).toBeVisible();

    await test.step("by default the most troubled endpoint comes first: 20 % errors before 10 %", async () => {
      await expect(section.getByRole("columnheader", { name: "p99" })).not.toHaveAttribute("aria-sort");
      await expect(bodyRows(page)).toHaveCount(2);
      await expect(bodyRows(page).first()).toContainText(CHECKOUT);
    });

    await test.step("sort=p99 puts the slowest first", async () => {
      await page.goto("/?range=15m&sort=p99");
      await loaded(section.getByRole("columnheader", { name: "p99" })).toHaveAttribute(
        "aria-sort",
        "descending",
      );
      await expect(bodyRows(page).first()).toContainText(ORDERS);
      // One 950 ms request: p99 comes from log-scale histogram buckets, so only roughly 950 ms.
      await expect(bodyRows(page).first()).toContainText(/9\d\dms/);
    });

    await test.step("sort headers are buttons that write the sort into the URL", async () => {
      await section.getByRole("button", { name: "Endpoint" }).click();
      await expect(page).toHaveURL(/[?&]sort=name&dir=asc/);
      await expect(bodyRows(page).first()).toContainText(ORDERS);
      await section.getByRole("button", { name: "Endpoint" }).click();
      await expect(page).toHaveURL(/[?&]sort=name&dir=desc/);
      await expect(bodyRows(page).first()).toContainText(CHECKOUT);

      await page.reload();
      await loaded(section.getByRole("columnheader", { name: "Endpoint" })).toHaveAttribute(
        "aria-sort",
        "descending",
      );
      await expect(bodyRows(page).first()).toContainText(CHECKOUT);
    });

    await test.step("the service filter narrows the page and lives in the URL", async () => {
      await expect(serviceRegion(page, worker)).toBeVisible();
      await page.getByLabel("Service", { exact: true }).selectOption(service);
      await expect(page).toHaveURL(new RegExp(`[?&]service=${service}`));
      await expect(serviceRegion(page, worker)).toHaveCount(0);
      await expect(section).toBeVisible();
    });

    await test.step("an endpoint row opens the endpoint page, keeping the range", async () => {
      await section.getByRole("link", { name: ORDERS }).click();
      await expect(page).toHaveURL((url) => {
        const params = url.searchParams;
        return (
          url.pathname === "/endpoints" &&
          params.get("service") === service &&
          params.get("endpoint") === ORDERS &&
          params.get("range") === "15m"
        );
      });
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(ORDERS);
    });
  });

  test("the endpoint page charts latency, and a clicked step lists its slowest traces", async ({ page }) => {
    await page.goto(endpointUrl(ORDERS));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ORDERS);
    const latency = page.getByRole("region", { name: "Latency" });

    await test.step("p50, p95 and p99 are lines on one chart; rate and errors have their own", async () => {
      await loaded(latency.locator(".recharts-line")).toHaveCount(3);
      await expect(latency.locator("path.recharts-line-curve").first()).toHaveAttribute("d", /^M[\d.,]+L/);
      await expect(page.getByRole("region", { name: "Request rate" }).locator(".recharts-area")).toHaveCount(
        1,
      );
      await expect(page.getByRole("region", { name: "Error rate" }).locator(".recharts-line")).toHaveCount(1);
      await expect(page.getByRole("region", { name: "Cache hit ratio" })).toBeVisible();
    });

    await test.step("hovering shows the step's values; clicking lists its slowest requests", async () => {
      const curve = await latency.locator("path.recharts-line-curve").first().boundingBox();
      if (!curve) throw new Error("the p99 line has no box");
      // The right end of the line is the last step with requests. The charts may redraw while
      // the page settles (a refetch, the partial minute): walk in from the right end until the
      // tooltip shows a step, rather than trusting one pixel.
      const tooltip = latency.locator(".recharts-tooltip-wrapper");
      const y = curve.y + curve.height / 2;
      let point = { x: curve.x + curve.width - 1, y };
      for (let dx = 1; dx <= 60; dx += 6) {
        point = { x: curve.x + curve.width - dx, y };
        await page.mouse.move(point.x - 20, y);
        await page.mouse.move(point.x, y);
        if ((await tooltip.textContent())?.includes("p99")) break;
      }
      await expect(tooltip).toContainText("p99");
      await expect(tooltip).toContainText(/\d(µs|ms|s)/);
      await page.mouse.click(point.x, point.y);

      await expect(page).toHaveURL(/[?&]bucket=/);
      const slowest = page.getByRole("region", { name: "Slowest requests" });
      await expect(slowest).toContainText("picked on the charts");
      await loaded(slowest.getByRole("link").first()).toHaveAttribute(
        "href",
        /^\/traces\/[0-9a-f]{32}\?span=[0-9a-f]{16}$/,
      );
    });

    await test.step("Copy link copies this exact view, its range pinned to absolute times", async () => {
      await page.getByRole("button", { name: "Copy link" }).click();
      await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
      const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      const shown = new URL(page.url());
      for (const key of ["service", "endpoint", "bucket"]) {
        expect(copied.searchParams.get(key)).toBe(shown.searchParams.get(key));
      }
      expect(copied.searchParams.get("range")).toBeNull();
      expect(copied.searchParams.get("from")).not.toBeNull();
      expect(copied.searchParams.get("to")).not.toBeNull();
    });

    await test.step("reloading the URL reopens the same endpoint, range and step", async () => {
      const url = page.url();
      await page.reload();
      expect(page.url()).toBe(url);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(ORDERS);
      await expect(page.getByRole("button", { name: "15m", exact: true })).toHaveAttribute(
        "aria-pressed",
        "true",
      );
      await loaded(page.getByRole("region", { name: "Slowest requests" })).toContainText(
        "picked on the charts",
      );
    });

    await test.step("an exemplar opens the trace waterfall on its request span", async () => {
      const link = page.getByRole("region", { name: "Slowest requests" }).getByRole("link").first();
      const href = (await link.getAttribute("href")) as string;
      const spanId = new URL(href, page.url()).searchParams.get("span");
      await link.click();
      await expect(page).toHaveURL(new RegExp(`/traces/[0-9a-f]{32}\\?span=${spanId}$`));
      await loaded(page.getByRole("heading", { level: 1, name: ORDERS })).toBeVisible();
      await expect(page.locator(`[role="treeitem"][data-span-id="${spanId}"]`)).toHaveAttribute(
        "aria-selected",
        "true",
      );
    });
  });

  test("the time range and auto-refresh are chosen in the page and kept in the URL", async ({ page }) => {
    await page.goto(endpointUrl(CHECKOUT));
    const latency = page.getByRole("region", { name: "Latency" });
    await loaded(latency.locator(".recharts-line")).toHaveCount(3);

    await page.getByRole("button", { name: "1h", exact: true }).click();
    await expect(page).toHaveURL(/[?&]range=1h(&|$)/);
    await expect(page.getByRole("button", { name: "1h", exact: true })).toHaveAttribute(
      "aria-pressed",
      "true",
    );

    const refresh = page.getByRole("switch", { name: /Auto-refresh/ });
    await expect(refresh).toHaveAttribute("aria-checked", "true");
    await refresh.click();
    await expect(page).toHaveURL(/[?&]refresh=off/);
    await expect(refresh).toHaveAttribute("aria-checked", "false");

    await page.getByRole("button", { name: "Custom", exact: true }).click();
    const form = page.getByRole("form", { name: "Custom time range" });
    const pad = (n: number) => String(n).padStart(2, "0");
    const local = (d: Date) =>
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    const now = Date.now();
    await form.getByLabel("From").fill(local(new Date(now - 30 * 60_000)));
    await form.getByLabel("To").fill(local(new Date(now + 60_000)));
    await form.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]from=\d{4}-\d\d-\d\dT[\d:]+Z&to=\d{4}-\d\d-\d\dT[\d:]+Z/);
    await expect(page).not.toHaveURL(/[?&]range=/);
    // A fixed range does not change, so there is nothing to refresh.
    await expect(refresh).toBeDisabled();
    await loaded(latency.locator(".recharts-line")).toHaveCount(3);

    await page.reload();
    await loaded(latency.locator(".recharts-line")).toHaveCount(3);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(CHECKOUT);
  });

  test("an invalid range in a link shows an error instead of crashing", async ({ page }) => {
    await page.goto(endpointUrl(ORDERS, "range=2h"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ORDERS);
    await expect(linkError(page)).toContainText('range="2h" is not a time range');
    await page.getByRole("link", { name: "Show the last hour" }).click();
    await expect(page).toHaveURL(/[?&]range=1h/);
    await loaded(page.getByRole("region", { name: "Latency" }).locator(".recharts-line")).toHaveCount(3);

    await page.goto("/?from=yesterday&to=2026-01-01T00:00:00Z");
    await expect(linkError(page)).toContainText('from="yesterday" is not a time');

    await page.goto("/endpoints?range=1h");
    await expect(linkError(page)).toContainText("lacks service= and endpoint=");
  });

  test("the caches view and the navigation keep the range and service", async ({ page }) => {
    await page.goto(`/?range=15m&service=${service}`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Caches" }).click();
    await expect(page).toHaveURL(new RegExp(`/caches\\?range=15m&service=${service}$`));
    await expect(page.getByRole("heading", { level: 1, name: "Caches" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Caches" }),
    ).toHaveAttribute("aria-current", "page");
    await waitForCacheAttribution(page.request);
    await page.reload();
    const ranked = page.getByRole("region", { name: "Endpoints by cache misses" });
    await loaded(ranked).toContainText(ORDERS);
    await expect(page.getByRole("region", { name: "Caches involved" })).toContainText("redis");
  });

  test("the endpoint page charts the cache hit ratio of a seeded service", async ({ page }) => {
    await waitForCacheAttribution(page.request);
    await page.goto(endpointUrl(ORDERS));
    const hitRatio = page.getByRole("region", { name: "Cache hit ratio" });
    await loaded(hitRatio.locator(".recharts-line")).toHaveCount(1);
    await expect(
      page.getByRole("region", { name: "What a miss costs" }).locator(".recharts-line"),
    ).not.toHaveCount(0);
  });
});

/**
 * Lookups are attributed once a trace has been quiet for a moment (CACHE_ATTRIBUTION_DELAY).
 * GET /orders/{id}: 20 requests, one lookup each, those with i % 3 = 0 missed: 13 of 20 hit.
 */
async function waitForCacheAttribution(request: APIRequestContext): Promise<void> {
  await expect
    .poll(
      async () => {
        const body = await (await request.get(`/api/endpoints?service=${service}`)).json();
        return body.endpoints.find((e: { endpoint: string }) => e.endpoint === ORDERS)?.cacheHitRatio;
      },
      { timeout: 20_000 },
    )
    .toBe(13 / 20);
}
