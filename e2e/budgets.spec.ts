// The budgets page end to end: requests sent by the official SDK, a budget added in the form is
// violated (with since when), edited to hold, filtered, deleted; by keyboard, in dark mode and at
// 390 px.
import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { expect, type Page, test } from "@playwright/test";
import { sendTraces } from "./support/seed";

const service = `e2e-budgets-${randomBytes(3).toString("hex")}`;
const loaded = expect.configure({ timeout: 20_000 });

/** 10 requests of GET /checkout, 300 ms each, in the last minutes. */
test.beforeAll(async () => {
  const now = Date.now();
  await sendTraces(
    Array.from({ length: 10 }, (_, i) => ({
      service,
      name: "GET /checkout",
      kind: SpanKind.SERVER,
      start: now - 3 * 60_000 + i * 1000,
      end: now - 3 * 60_000 + i * 1000 + 300,
      attributes: { "http.request.method": "GET", "http.route": "/checkout" },
    })),
  );
});

// Many steps, each waiting on the server of a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

const row = (page: Page) => page.getByRole("row", { name: `Budget of ${service} GET /checkout` });

test("add a budget, see it violated since a time, edit it to hold, filter and delete it", async ({
  page,
}) => {
  await page.goto("/budgets");
  await loaded(page.getByRole("heading", { name: "No budgets yet" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Budgets" }),
  ).toHaveAttribute("aria-current", "page");

  const form = page.getByRole("form", { name: "Add a budget" });
  // the endpoints seen lately are offered as you type
  await loaded(form.locator(`datalist option[value="${service}"]`)).toHaveCount(1);
  await expect(form.getByRole("button", { name: "Add budget" })).toBeDisabled();
  await form.getByLabel("Service").fill(service);
  await form.getByLabel("Endpoint").fill("GET /checkout");
  await form.getByLabel("p95 at most (ms)").fill("100");
  await form.getByLabel("Errors at most (%)").fill("1");
  await form.getByLabel("Errors at most (%)").press("Enter");

  await loaded(row(page).getByTestId("budget-verdict")).toHaveText("Violated");
  await expect(row(page)).toContainText(/p95 ≤ 100ms: 3\d\d\.\dms/);
  await expect(row(page)).toContainText("errors ≤ 1.00%: 0.00%");
  // since when: as the worker recorded it (it checks every second here; the page refreshes itself)
  await expect(row(page).getByTestId("budget-since")).toHaveText(/^since the last check$|^since \d/);
  await expect(async () => {
    await page.reload();
    await expect(row(page).getByTestId("budget-since")).toHaveText(
      /^since \d{1,2}:\d\d:\d\d.* \(under a minute\)$/,
      { timeout: 15_000 },
    );
  }).toPass({ timeout: 25_000 });
  await expect(form.getByLabel("Service")).toHaveValue("");

  // A second budget for the same endpoint: the server's message says what to do.
  await form.getByLabel("Service").fill(service);
  await form.getByLabel("Endpoint").fill("GET /checkout");
  await form.getByLabel("p99 at most (ms)").fill("5");
  await form.getByRole("button", { name: "Add budget" }).click();
  await expect(form.getByRole("alert")).toContainText("already has a budget: change it with PUT");

  // Edit by keyboard; Escape cancels, then save a looser p95.
  await row(page)
    .getByRole("button", { name: `Edit the budget of ${service} GET /checkout` })
    .click();
  const edit = page.getByRole("form", { name: `Edit the budget of ${service} GET /checkout` });
  await expect(edit.getByLabel("p95 at most (ms)")).toHaveValue("100");
  await expect(edit.getByLabel("Service")).toBeFocused();
  await edit.getByLabel("p95 at most (ms)").press("Escape");
  await expect(page.getByRole("form", { name: "Add a budget" })).toBeVisible();
  await row(page)
    .getByRole("button", { name: `Edit the budget of ${service} GET /checkout` })
    .click();
  await edit.getByLabel("p95 at most (ms)").fill("1000");
  await edit.getByLabel("p95 at most (ms)").press("Enter");
  await loaded(row(page).getByTestId("budget-verdict")).toHaveText("OK");
  await expect(row(page)).toContainText(/p95 ≤ 1000ms: 3\d\d\.\dms/);

  // The filter is in the URL.
  await page.getByLabel("Show").selectOption("violated");
  await expect(page).toHaveURL(/\/budgets\?status=violated$/);
  await expect(page.getByRole("heading", { name: "Every budget holds" })).toBeVisible();
  await page.getByLabel("Show").selectOption("all");
  await expect(page).toHaveURL(/\/budgets$/);

  page.once("dialog", (dialog) => void dialog.accept());
  await row(page)
    .getByRole("button", { name: `Delete the budget of ${service} GET /checkout` })
    .click();
  await loaded(page.getByRole("heading", { name: "No budgets yet" })).toBeVisible();
});

test("a violated budget in dark mode at 390 px fits the screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  const created = await page.request.post("/api/budgets", {
    data: { service, endpoint: "GET /checkout", p95Ms: 50, webhookUrl: "https://hooks.example.com/x" },
  });
  expect(created.status()).toBe(201);
  await page.goto("/budgets?window=1h");
  await loaded(row(page).getByTestId("budget-verdict")).toHaveText("Violated");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(page.getByLabel("Measured over the last")).toHaveValue("1h");
  await expect(row(page)).toContainText("own webhook");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // not cut off on the right: the table fits, no sideways scrolling inside it either
  await row(page).scrollIntoViewIfNeeded();
  await expect(row(page).getByRole("button", { name: /^Delete/ })).toBeInViewport();
  const { id } = (await created.json()) as { id: string };
  expect((await page.request.delete(`/api/budgets/${id}`)).status()).toBe(204);
});
