// Sign-in in Chromium, on a Tracewell of its own with UI_AUTH=on (the shared end-to-end server
// runs UI_AUTH=off): the first start's setup link creates the admin, who creates an ingest key
// and a viewer, logs out and back in (landing on `next`); the viewer's Settings has none of the
// admin panels. A page opened without a session goes to /login?next=….
import { expect, type Page, test } from "@playwright/test";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";
import { startTracewellProcess, type TracewellProcess } from "@/test/support/tracewell-process";

const ADMIN = { email: "admin@example.com", password: "e2e admin password" };
const VIEWER = { email: "viewer@example.com", password: "e2e viewer password" };
let database: TestDatabase;
let server: TracewellProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = await createTestDatabase();
  server = await startTracewellProcess({ databaseUrl: database.url, env: { UI_AUTH: "on" } });
});
test.afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

async function signIn(page: Page, account: { email: string; password: string }, next: string) {
  await page.goto(`${server.baseUrl}${next}`);
  await expect(page).toHaveURL(`${server.baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${server.baseUrl}${next}`, { timeout: 20_000 });
}

test("first-run setup link → admin → ingest key and a viewer → log out → log in", async ({ page }) => {
  // Many steps and three full page loads on a shared 2-core machine.
  test.setTimeout(120_000);
  const link = server.output.find((line) => line.includes("/setup?token="))?.trim() ?? "";
  expect(link, server.output.join("\n")).toMatch(/^http:\/\/localhost:\d+\/setup\?token=tsu_/);
  const setup = new URL(link);
  await page.goto(`${server.baseUrl}${setup.pathname}${setup.search}`);
  await expect(page.getByRole("heading", { name: "Create the admin account" })).toBeVisible();
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin" }).click();
  // A full page load of the dashboard follows; generous for a busy machine.
  await expect(page).toHaveURL(`${server.baseUrl}/`, { timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible({ timeout: 20_000 });

  await page.goto(`${server.baseUrl}/settings`);
  await expect(page.getByTestId("account-summary")).toHaveText(`Signed in as ${ADMIN.email} (admin).`, {
    timeout: 15_000,
  });
  await expect(page.getByRole("region", { name: "Ingest keys" })).toBeVisible({ timeout: 15_000 });
  await page.getByLabel("Name (the service or team that sends with it)").fill("checkout");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-key")).toHaveText(/^twk_/);

  const users = page.getByRole("region", { name: "Users" });
  await users.getByLabel("New user's email").fill(VIEWER.email);
  await users.getByLabel("Password (12+ characters)").fill(VIEWER.password);
  await users.getByLabel("Role").selectOption("viewer");
  await users.getByRole("button", { name: "Add user" }).click();
  await expect(users.getByRole("listitem").filter({ hasText: VIEWER.email })).toContainText("viewer");

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/, { timeout: 20_000 });
  // The old session is gone: a page sends back to the login, keeping where it was going.
  await signIn(page, ADMIN, "/settings");
  await expect(
    page.getByRole("region", { name: "Ingest keys" }).getByRole("row").filter({ hasText: "checkout" }),
  ).toBeVisible();
});

test("a viewer's Settings shows none of the admin parts", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, VIEWER, "/settings");
  await expect(page.getByTestId("account-summary")).toHaveText(`Signed in as ${VIEWER.email} (viewer).`, {
    timeout: 15_000,
  });
  for (const name of ["Ingest keys", "Users", "API tokens", "Sessions", "Storage"]) {
    await expect(page.getByRole("region", { name })).toHaveCount(0);
  }
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
});

test("a wrong password says so on the login page", async ({ page }) => {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "wrong" })).toHaveText("wrong email or password");
});
