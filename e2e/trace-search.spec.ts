// Trace search end to end: traces sent by the official SDK and OTLP/protobuf exporter, found on
// /traces by duration and by attribute, then opened (from the table and from a scatter dot),
// pinned with a note and listed on /pinned.
import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { expect, test } from "@playwright/test";
import { type SeedSpan, sendTraces } from "./support/seed";

const service = `e2e-search-${randomBytes(3).toString("hex")}`;
const customer = `cust-${randomBytes(3).toString("hex")}`;
const DURATIONS = [20, 50, 300, 900, 40, 60];
let traceIds: string[] = [];

/**
 * Six traces, one every 2 s, trace i lasting DURATIONS[i] ms:
 *   order {i}              SERVER     0─d
 *   └── load customer      INTERNAL   1─d/2    customer.id on trace 1 only; ERROR on trace 4
 */
test.beforeAll(async () => {
  const t0 = Date.now() - 60_000;
  const roots = DURATIONS.map(
    (duration, i): SeedSpan => ({
      service,
      name: `order ${i}`,
      kind: SpanKind.SERVER,
      start: t0 + i * 2000,
      end: t0 + i * 2000 + duration,
      attributes: { "http.request.method": "GET", "http.route": `/orders/${i}` },
      children: [
        {
          name: "load customer",
          kind: SpanKind.INTERNAL,
          start: t0 + i * 2000 + 1,
          end: t0 + i * 2000 + duration / 2,
          attributes: i === 1 ? { "customer.id": customer } : {},
          ...(i === 4 ? { error: "customer store down" } : {}),
        },
      ],
    }),
  );
  traceIds = (await sendTraces(roots)).traceIds;
});

const results = (page: import("@playwright/test").Page) =>
  page.getByRole("region", { name: "Results" }).getByRole("table");

test("a search by duration finds the long traces, sorts them on the server and opens one", async ({
  page,
}) => {
  await page.goto(`/traces?service=${service}&range=1h`);
  await expect(results(page).getByRole("link")).toHaveCount(6);
  await page.getByLabel("Min duration (ms)").fill("250");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/minDurationMs=250/);
  await expect(results(page).getByRole("link")).toHaveText(["order 3", "order 2"]); // newest first
  await expect(page.getByText("2 matching traces")).toBeVisible();

  await results(page).getByRole("button", { name: "Duration" }).click();
  await expect(page).toHaveURL(/sort=duration/);
  await expect(results(page).getByRole("link").first()).toHaveText("order 3"); // 900 ms
  await results(page).getByRole("link", { name: "order 3" }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${traceIds[3]}$`));
  await expect(page.getByRole("heading", { name: "order 3" })).toBeVisible();
});

test("a search by attribute finds the one trace whose span carries it and opens it from the chart", async ({
  page,
}) => {
  await page.goto("/traces?range=1h");
  await page.getByRole("button", { name: "Add attribute" }).click();
  await page.getByLabel("Attribute 1 key").fill("customer.id");
  await page.getByLabel("Attribute 1 value").fill(customer);
  await page.getByLabel("Attribute 1 value").press("Enter");
  await expect(page).toHaveURL(new RegExp(`attr=customer.id%3D${customer}`));
  await expect(results(page).getByRole("link")).toHaveText(["order 1"]);
  await expect(page.getByText("1 matching trace;")).toBeVisible();

  await page.locator(".recharts-scatter-symbol").first().click();
  await expect(page).toHaveURL(new RegExp(`/traces/${traceIds[1]}$`));
});

test("status=error and the pinned list: pin a found trace with a note", async ({ page }) => {
  await page.goto(`/traces?service=${service}&status=error&range=1h`);
  await expect(results(page).getByRole("link")).toHaveText(["order 4"]);
  await results(page).getByRole("link", { name: "order 4" }).click();
  // A failed trace opens on its first error span (#16), which the URL then names.
  await expect(page).toHaveURL(new RegExp(`/traces/${traceIds[4]}(\\?span=[0-9a-f]{16})?$`));

  await page.getByRole("button", { name: "Pin", exact: true }).click();
  await page.getByLabel("Note").fill("customer store outage");
  await page.getByLabel("Your name").fill("e2e");
  await page.getByRole("button", { name: "Pin trace" }).click();
  await expect(page.getByText(/Pinned by e2e on .*customer store outage/)).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pinned" }).click();
  await expect(page.getByRole("link", { name: "order 4" })).toBeVisible();
  await expect(page.getByText("customer store outage")).toBeVisible();
});

test("the search page fits a 390 px wide screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/traces?service=${service}&range=1h`);
  await expect(results(page).getByRole("link")).toHaveCount(6);
  await expect(page.getByRole("heading", { name: "Where the time goes" })).toBeVisible();
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/traces-390.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("screenshots for review", async ({ page }) => {
  test.skip(!process.env.E2E_SCREENSHOTS, "only with E2E_SCREENSHOTS=dir");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/traces?service=${service}&range=1h`);
  await expect(results(page).getByRole("link")).toHaveCount(6);
  await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/traces.png`, fullPage: true });
  await page.goto(`/traces/${traceIds[3]}`);
  await expect(page.getByRole("heading", { name: "order 3" })).toBeVisible();
  await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/trace.png` });
  await page.goto(`/traces/${"0".repeat(32)}`);
  await expect(page.getByRole("heading", { name: "Trace not found" })).toBeVisible();
  await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/not-found.png` });
});
