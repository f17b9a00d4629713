// The main navigation prefetches a section when the pointer or focus reaches its link, not when
// the link is drawn: a page load (a trace page during an incident) spends the browser's and the
// server's time on its own data, not on eight other sections' (components/layout/main-nav.tsx).
import { expect, type Request, test } from "@playwright/test";

/** Requests for a section's React Server Component payload (a navigation or a prefetch). */
const sectionPayloads = (requests: Request[], path: string) =>
  requests.filter((r) => {
    const url = new URL(r.url());
    return url.pathname === path && (url.searchParams.has("_rsc") || r.headers().rsc !== undefined);
  });

test("a page load prefetches no section; reaching a link prefetches that one, and it opens", async ({
  page,
}) => {
  const requests: Request[] = [];
  page.on("request", (request) => requests.push(request));
  await page.goto("/pinned");
  await page.waitForLoadState("networkidle");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Caches" })).toBeVisible();
  for (const path of ["/", "/caches", "/insights", "/budgets", "/traces", "/metrics", "/settings"]) {
    expect(sectionPayloads(requests, path), path).toEqual([]);
  }

  await nav.getByRole("link", { name: "Caches" }).hover();
  await expect.poll(() => sectionPayloads(requests, "/caches").length).toBeGreaterThan(0);
  expect(sectionPayloads(requests, "/insights")).toEqual([]);

  await nav.getByRole("link", { name: "Insights" }).focus();
  await expect.poll(() => sectionPayloads(requests, "/insights").length).toBeGreaterThan(0);

  await nav.getByRole("link", { name: "Caches" }).click();
  await expect(page).toHaveURL(/\/caches/);
  await expect(nav.getByRole("link", { name: "Caches" })).toHaveAttribute("aria-current", "page");
});
