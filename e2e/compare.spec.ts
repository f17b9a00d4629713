// Before and after, end to end: requests sent by the official SDK under two service.versions.
// The compare page flags the slower endpoint and not the unchanged one, the endpoint page marks
// the new version on its charts and links to the comparison, and its "What slow requests have in
// common" panel names the attribute the slow requests share.
import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { expect, test } from "@playwright/test";
import { type SeedSpan, sendTraces } from "./support/seed";

// The endpoint page asks for a dozen answers at once: on a busy 2-core machine that takes a while.
test.describe.configure({ timeout: 120_000 });
const SLOW = { timeout: 60_000 };

const service = `e2e-compare-${randomBytes(3).toString("hex")}`;
const now = Date.now();
const versionStart = { "1.0.0": now - 20 * 60_000, "1.1.0": now - 10 * 60_000 };
const request = (
  route: string,
  start: number,
  ms: number,
  attributes: Record<string, string> = {},
): SeedSpan => ({
  service,
  name: `GET ${route}`,
  kind: SpanKind.SERVER,
  start,
  end: start + ms,
  attributes: { "http.request.method": "GET", "http.route": route, ...attributes },
});

/**
 * Each version serves 40 requests to GET /pay and to GET /list, one every 10 s from its start.
 * GET /list takes 30–39 ms in both; GET /pay 20–29 ms in 1.0.0 and 80–89 ms in 1.1.0.
 *
 * GET /checkout (1.1.0): 38 requests of 40–59 ms through payment.provider=fastpay, and 2 of
 * 900 ms through slowbank — the two above the endpoint's p95.
 */
test.beforeAll(async () => {
  for (const version of ["1.0.0", "1.1.0"] as const) {
    const roots = Array.from({ length: 40 }, (_, i) => {
      const at = versionStart[version] + i * 10_000;
      return [
        request("/pay", at, (version === "1.0.0" ? 20 : 80) + (i % 10)),
        request("/list", at + 1, 30 + (i % 10)),
      ];
    }).flat();
    if (version === "1.1.0") {
      for (let i = 0; i < 40; i++) {
        const slow = i === 7 || i === 23;
        roots.push(
          request("/checkout", versionStart[version] + i * 10_000 + 2, slow ? 900 : 40 + (i % 20), {
            "payment.provider": slow ? "slowbank" : "fastpay",
          }),
        );
      }
    }
    await sendTraces(roots, { resource: { "service.version": version } });
  }
});

const endpointPage = (endpoint: string) =>
  `/endpoints?service=${service}&endpoint=${encodeURIComponent(endpoint)}&range=1h`;

test("the compare page flags the slower version's endpoint and not the unchanged one", async ({ page }) => {
  const pay = page.locator('tr[data-endpoint="GET /pay"]');
  // ingest is asynchronous: reload until the candidate's requests are all in
  await expect(async () => {
    await page.goto(`/compare?service=${service}&range=1h`);
    await expect(pay).toContainText("40", { timeout: 10_000 });
    await expect(page.locator('tr[data-endpoint="GET /list"]')).toContainText("40", { timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Compare versions" })).toBeVisible();
  // no sides in the link: the newest version against the one before it
  await expect(page.getByLabel("Baseline")).toHaveValue("version:1.0.0");
  await expect(page.getByLabel("Candidate")).toHaveValue("version:1.1.0");
  await expect(pay).toHaveAttribute("data-significant", "true");
  await expect(pay).toHaveAttribute("data-direction", "slower");
  await expect(pay).toContainText("slower");
  await expect(page.locator('tr[data-endpoint="GET /list"]')).toHaveAttribute("data-significant", "false");

  // swapping the sides is a URL of its own, and the change turns around
  await page.getByLabel("Baseline").selectOption("version:1.1.0");
  await expect(page).toHaveURL(/baseline=version:1\.1\.0/);
  await expect(page).toHaveURL(/candidate=version:1\.1\.0/);
  await page.getByLabel("Candidate").selectOption("version:1.0.0");
  await expect(page).toHaveURL(/candidate=version:1\.0\.0/);
  await expect(pay).toHaveAttribute("data-direction", "faster");
});

test("the endpoint page marks the new version on its charts and links to the comparison", async ({
  page,
}) => {
  await page.goto(endpointPage("GET /pay"));
  // one marker per chart (latency, request rate, error rate), each labelled with the version; a
  // vertical line has no width, so it is checked as present rather than visible
  const markers = page.locator(".chart-marker");
  await expect(markers).toHaveCount(3, SLOW);
  await expect(page.locator(".recharts-surface text").filter({ hasText: /^1\.1\.0$/ })).toHaveCount(3);
  await page.getByRole("link", { name: `Compare ${service}'s versions` }).click(SLOW);
  await expect(page).toHaveURL(/\/compare\?/);
  await expect(page.locator('tr[data-endpoint="GET /pay"]')).toHaveAttribute(
    "data-direction",
    "slower",
    SLOW,
  );
});

test("the endpoint page shows what its slow requests have in common", async ({ page }) => {
  const panel = page.getByRole("region", { name: "What slow requests have in common" });
  const row = panel.locator('tr[data-key="payment.provider"]');
  // one load: the page refreshes itself every 10 s until the requests are in
  await page.goto(endpointPage("GET /checkout"));
  await expect(row).toBeVisible(SLOW);
  await expect(panel).toContainText("2 requests slower than the p95");
  await expect(row).toContainText("payment.provider=slowbank");
  // both slow requests have it, none of the other 38
  await expect(row.locator("td").nth(1)).toContainText("100%");
  await expect(row.locator("td").nth(2)).toContainText("0%");
  // listed first: nothing is more telling
  await expect(panel.locator("tbody tr").first()).toHaveAttribute("data-key", "payment.provider");
});

test("a stretch dragged across the latency chart is compared with the rest of the range", async ({
  page,
}) => {
  const panel = page.getByRole("region", { name: "What slow requests have in common" });
  // the first slow request (i = 7) alone, as a link can carry it
  const slowAt = versionStart["1.1.0"] + 7 * 10_000 + 2;
  const select = `${new Date(slowAt - 1000).toISOString()}/${new Date(slowAt + 1000).toISOString()}`;
  const row = panel.locator('tr[data-key="payment.provider"]');
  await page.goto(`${endpointPage("GET /checkout")}&select=${select}`);
  await expect(panel).toContainText("chosen on the latency chart", SLOW);
  await expect(panel.getByRole("columnheader", { name: "Chosen requests" })).toBeVisible();
  await expect(row).toContainText("payment.provider=slowbank");
  // the one chosen request has it, and 1 of the other 39
  await expect(row.locator("td").nth(1)).toContainText("100%");
  await expect(row.locator("td").nth(2)).toContainText("2.6%");
  await panel.getByRole("button", { name: "Back to the slowest 5 %" }).click();
  await expect(page).not.toHaveURL(/select=/);
  await expect(panel).toContainText("slower than the p95", SLOW);

  // dragging across the chart puts the stretch in the URL
  const latency = page.getByRole("region", { name: "Latency" });
  const chart = latency.locator(".recharts-surface");
  await expect(chart).toBeVisible(SLOW);
  // the panel's button scrolled the page: bring the chart back under the pointer
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) throw new Error("no latency chart");
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y, { steps: 4 });
  // the chart knows the step under the pointer once its cursor line follows it
  await expect(latency.locator(".recharts-tooltip-cursor")).toHaveCount(1);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, y, { steps: 8 });
  // the stretch is shaded while dragging
  await expect(latency.locator(".chart-selection")).toHaveCount(1);
  await page.mouse.move(box.x + box.width * 0.7, y, { steps: 8 });
  await page.mouse.up();
  await expect(page).toHaveURL(/select=\d{4}-\d\d-\d\dT[\d:]+Z\/\d{4}-\d\d-\d\dT[\d:]+Z/);
  await expect(panel).toContainText("chosen on the latency chart", SLOW);
  // the drag did not also pick a single step
  await expect(page).not.toHaveURL(/bucket=/);
});
