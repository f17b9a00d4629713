// The dashboard during an incident (issue 16): one service slow and failing, one healthy, both
// sent by the official OpenTelemetry SDK over this window and the one before it. The overview
// must lead to the failing one, its failed requests must be reachable, and links must pin time.
import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { otlpHttpUrl, type SeedSpan, sendTraces } from "@/e2e/support/seed";

const runId = randomBytes(3).toString("hex");
// Named so that A→Z puts the healthy one first: only trouble can put the failing one first.
const healthy = `inc-aaa-${runId}`;
const failing = `inc-pay-${runId}`;
const PAY = "POST /pay";
const MINUTE = 60_000;

/**
 * Two windows of 11 requests each, one a minute, for both services:
 *
 * previous [now-27m, now-17m]  both services: 50 ms (pay) / 20 ms (aaa), none failed
 * current  [now-11m, now-1m]   aaa as before; pay 300 ms, every other request (the last one too):
 *
 * POST /pay              SERVER  ERROR "payment failed"
 * └── charge card        INTERNAL ERROR "card declined", event exception (exception.message)
 */
function requests(now: number): SeedSpan[] {
  const spans: SeedSpan[] = [];
  for (const [offset, current] of [
    [27, false],
    [11, true],
  ] as const) {
    for (let i = 0; i <= 10; i++) {
      const start = now - (offset - i) * MINUTE;
      const failed = current && i % 2 === 0;
      spans.push({
        service: healthy,
        name: "GET /status",
        kind: SpanKind.SERVER,
        start,
        end: start + 20,
        attributes: { "http.request.method": "GET", "http.route": "/status" },
      });
      const duration = current ? 300 : 50;
      spans.push({
        service: failing,
        name: PAY,
        kind: SpanKind.SERVER,
        start,
        end: start + duration,
        attributes: {
          "http.request.method": "POST",
          "http.route": "/pay",
          "http.response.status_code": failed ? 502 : 200,
        },
        error: failed ? "payment failed" : undefined,
        children: [
          {
            name: "charge card",
            kind: SpanKind.INTERNAL,
            start: start + 5,
            end: start + duration - 5,
            error: failed ? "card declined" : undefined,
            events: failed
              ? [
                  {
                    name: "exception",
                    at: start + duration - 6,
                    attributes: { "exception.type": "CardError", "exception.message": "issuer said no" },
                  },
                ]
              : [],
          },
        ],
      });
    }
  }
  return spans;
}

let seeded: Promise<unknown> | undefined;

async function seed(request: APIRequestContext): Promise<void> {
  seeded ??= sendTraces(requests(Date.now()));
  await seeded;
  await expect
    .poll(
      async () => {
        const response = await request.get("/api/services?range=1h");
        if (!response.ok()) return response.status();
        const body = (await response.json()) as { services: { service: string; count: number }[] };
        return body.services
          .filter((s) => s.service === healthy || s.service === failing)
          .map((s) => `${s.service} ${s.count}`)
          .sort();
      },
      { message: "both services counted by /api/services", timeout: 15_000 },
    )
    .toEqual([`${healthy} 22`, `${failing} 22`]);
}

const loaded = expect.configure({ timeout: 20_000 });

/** The service sections' names, top to bottom. */
async function sectionOrder(page: Page): Promise<string[]> {
  return page.locator("main section[aria-labelledby] h2").allTextContents();
}

test.describe("the dashboard during an incident", () => {
  test.beforeEach(async ({ request }) => {
    await seed(request);
  });

  test("the overview ranks the failing service first, shows its change and names it up top", async ({
    page,
  }) => {
    await page.goto("/?range=15m");
    const section = page.getByRole("region", { name: failing, exact: true });
    await loaded(section).toBeVisible();
    await loaded(page.getByRole("region", { name: healthy, exact: true })).toBeVisible();

    await test.step("by default the failing service comes before the healthy one", async () => {
      const order = await sectionOrder(page);
      expect(order.indexOf(failing)).toBeGreaterThanOrEqual(0);
      expect(order.indexOf(failing)).toBeLessThan(order.indexOf(healthy));
    });

    await test.step("its change against the previous window is shown", async () => {
      await expect(section.getByTestId("error rate-change")).toHaveText("▲ new");
      // 50 ms → 300 ms: +500 %, within the histograms' 1.5 %.
      await expect(section.getByTestId("p95-change")).toHaveText(/^▲ \+(49\d|50\d|51\d) %$/);
      // …and on its endpoint's row.
      await expect(section.getByTestId("endpoint-p95-change")).toHaveText(/^▲ \+(49\d|50\d|51\d) %$/);
      await expect(
        section.getByRole("img", { name: `Failed requests of ${failing} over the last 15 minutes` }),
      ).toBeVisible();
      await expect(
        section.getByRole("img", { name: `p95 of ${failing} over the last 15 minutes` }),
      ).toBeVisible();
    });

    await test.step("every rate on the page is in one unit", async () => {
      const text = (await page.locator("main").textContent()) ?? "";
      const units = new Set([...text.matchAll(/\d\/(min|s)(?![a-z])/g)].map((match) => match[1]));
      expect(units.size).toBe(1);
    });

    await test.step("the needs-attention strip names it, not the healthy one", async () => {
      const strip = page.getByRole("region", { name: "Needs attention" });
      await expect(strip).toContainText(failing);
      await expect(strip).not.toContainText(healthy);
    });

    await test.step("order=name sorts A→Z and lives in the URL", async () => {
      await page.getByLabel("Order").selectOption("name");
      await expect(page).toHaveURL(/[?&]order=name/);
      await expect
        .poll(async () => {
          const order = await sectionOrder(page);
          return order.indexOf(healthy) < order.indexOf(failing);
        })
        .toBe(true);
    });
  });

  test("an unknown service in the URL says so and lists the known ones", async ({ page }) => {
    await page.goto(`/?range=15m&service=no-such-${runId}`);
    await loaded(page.getByText(`Unknown service: no-such-${runId}`)).toBeVisible();
    await expect(page.getByRole("link", { name: healthy, exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: failing, exact: true })).toBeVisible();
  });

  test("an endpoint page for an unknown service or endpoint says so instead of drawing empty charts", async ({
    page,
  }) => {
    await page.goto(
      `/endpoints?${new URLSearchParams({ service: `no-such-${runId}`, endpoint: PAY })}&range=15m`,
    );
    await loaded(page.getByText(`Unknown service: no-such-${runId}`)).toBeVisible();
    await expect(page.getByRole("link", { name: failing, exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "Latency" })).toHaveCount(0);

    await page.goto(
      `/endpoints?${new URLSearchParams({ service: failing, endpoint: "GET /nothing" })}&range=15m`,
    );
    await loaded(page.getByText("No requests to GET /nothing in this range")).toBeVisible();
    await page.getByRole("link", { name: PAY, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(PAY);
    await loaded(page.getByRole("region", { name: "Latency" })).toBeVisible();
  });

  test("the send-traces help names the ports this instance listens on", async ({ page }) => {
    const port = new URL(otlpHttpUrl()).port;
    await page.goto("/?range=15m");
    await loaded(page.getByRole("region", { name: failing, exact: true })).toBeVisible();
    await page.getByText("Send traces from another service").click();
    await expect(page.locator("pre")).toContainText(`OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${port}`);
    await expect(page.getByText(`OTLP/HTTP listens on port ${port}`)).toBeVisible();
  });

  test("copy link pins the window: the link reopens the same minutes", async ({ page }) => {
    await page.goto(`/?range=15m&service=${failing}`);
    await loaded(page.getByRole("region", { name: failing, exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Copy link" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copied.searchParams.get("range")).toBeNull();
    expect(copied.searchParams.get("service")).toBe(failing);
    const from = Date.parse(copied.searchParams.get("from") ?? "");
    const to = Date.parse(copied.searchParams.get("to") ?? "");
    expect(to - from).toBe(15 * MINUTE);

    await test.step("the live link keeps the relative range", async () => {
      await page.getByRole("button", { name: "Copy live link" }).click();
      const live = new URL(await page.evaluate(() => navigator.clipboard.readText()));
      expect(live.searchParams.get("range")).toBe("15m");
    });

    await test.step("the pinned link reopens the same view and copies as itself", async () => {
      await page.goto(copied.pathname + copied.search);
      await loaded(page.getByRole("region", { name: failing, exact: true })).toBeVisible();
      await expect(page.getByRole("button", { name: "Copy live link" })).toHaveCount(0);
      await page.getByRole("button", { name: "Copy link" }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(copied.href);
    });
  });

  test("a clicked error-rate point lists that minute's failed requests; a failed trace opens on its first error", async ({
    page,
  }) => {
    await page.goto(`/endpoints?${new URLSearchParams({ service: failing, endpoint: PAY })}&range=15m`);
    const failed = page.getByRole("region", { name: "Failed requests" });

    await test.step("the endpoint page lists failed requests beside the slowest", async () => {
      await loaded(failed.getByRole("link")).toHaveCount(6);
      await expect(page.getByRole("region", { name: "Slowest requests" })).toBeVisible();
    });

    await test.step("clicking the error-rate line's last step lists that step's failure", async () => {
      const errors = page.getByRole("region", { name: "Error rate" });
      // Below the fold at the default viewport: mouse coordinates only reach what is on screen.
      await errors.scrollIntoViewIfNeeded();
      const curve = await errors.locator("path.recharts-line-curve").first().boundingBox();
      if (!curve) throw new Error("the error-rate line has no box");
      const point = { x: curve.x + curve.width - 1, y: curve.y + curve.height / 2 };
      await page.mouse.move(point.x - 20, point.y);
      await page.mouse.move(point.x, point.y);
      await page.mouse.click(point.x, point.y);
      await expect(page).toHaveURL(/[?&]bucket=/);
      await expect(failed).toContainText("picked on the charts");
      await expect(failed.getByRole("link")).toHaveCount(1);
    });

    await test.step("while the pointer rests on one chart, the other charts show no tooltip box over their lines", async () => {
      const errors = page.getByRole("region", { name: "Error rate" });
      const curve = await errors.locator("path.recharts-line-curve").first().boundingBox();
      if (!curve) throw new Error("the error-rate line has no box");
      const y = curve.y + curve.height / 2;
      await page.mouse.move(curve.x + curve.width - 20, y);
      await page.mouse.move(curve.x + curve.width - 1, y);
      await expect(errors.locator(".recharts-tooltip-wrapper")).toContainText("Error rate");
      for (const name of ["Latency", "Request rate"]) {
        await expect(page.getByRole("region", { name }).locator(".recharts-tooltip-wrapper")).toHaveText("");
      }
    });

    await test.step("once the mouse leaves, no tooltip stays pinned over the lines", async () => {
      await page.mouse.move(1, 1);
      for (const name of ["Latency", "Request rate", "Error rate"]) {
        await expect(page.getByRole("region", { name }).locator(".recharts-tooltip-wrapper")).toBeHidden();
      }
    });

    await test.step("the failed trace opens with its first error span selected", async () => {
      await failed.getByRole("link").first().click();
      await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}\?span=[0-9a-f]{16}$/);
      const details = page.getByRole("complementary", { name: "Span details" });
      await loaded(details.getByRole("heading", { name: "charge card" })).toBeVisible();
      await expect(details).toContainText("card declined");
      await expect(details).toContainText("issuer said no");
    });

    await test.step("a request span links to its endpoint page", async () => {
      await page.getByRole("treeitem").filter({ hasText: PAY }).first().click();
      const details = page.getByRole("complementary", { name: "Span details" });
      await expect(details.getByRole("heading", { name: PAY })).toBeVisible();
      await details.getByRole("link", { name: PAY }).click();
      await expect(page).toHaveURL(/\/endpoints\?/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(PAY);
    });
  });
});
