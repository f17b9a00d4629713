// Settings › Ingest keys in Chromium: create a key (shown once, with how to send with it), see it
// listed by name and prefix without its secret, revoke it; the page warns that ingest is open
// (the end-to-end server runs INGEST_AUTH=open) and fits a 390 px screen. Settings › Storage shows
// the sizes of GET /api/storage.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";

test("create an ingest key, see it once, find it listed and revoke it", async ({ page }) => {
  const name = `e2e-key-${randomBytes(3).toString("hex")}`;
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "INGEST_AUTH=open" })).toBeVisible();

  await page.getByLabel("Name (the service or team that sends with it)").fill(name);
  await page.getByLabel("Expires in days").fill("30");
  await page.getByRole("button", { name: "Create key" }).click();
  const created = page.getByRole("region", { name: "New ingest key" });
  await expect(created).toContainText("it will not be shown again");
  const key = (await created.getByTestId("new-key").textContent()) ?? "";
  expect(key).toMatch(/^twk_[A-Za-z0-9_-]{32}$/);
  await expect(created).toContainText(`OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer ${key}"`);

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(row).toContainText("active, expires");

  // After a reload the secret is gone for good; the key is still listed.
  await page.reload();
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(row).toBeVisible();

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
});

test("a key needs a name, and the page fits a 390 px screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/settings");
  await expect(page.getByRole("button", { name: "Create key" })).toBeDisabled();
  await expect(
    page.getByRole("columnheader", { name: "Name" }).or(page.getByText("No ingest keys yet.")),
  ).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the storage panel shows what each kind of data takes and the disk budget", async ({ page }) => {
  await page.goto("/settings");
  const storage = page.getByRole("region", { name: "Storage" });
  await expect(storage).toContainText("Database:");
  await expect(storage).toContainText("MAX_DISK_BYTES is unset");
  for (const label of ["Spans", "Traces", "Latency and cache rollups", "Metric points and series"]) {
    await expect(storage.getByRole("row").filter({ hasText: label })).toBeVisible();
  }
});
