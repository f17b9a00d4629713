// The trace page end to end: a trace sent by the official OpenTelemetry SDK and OTLP/protobuf
// exporter, then read the way an on-call engineer does (waterfall, span details, shared links).
import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { otlpHttpUrl, type SeedSpan, sendTraces } from "@/e2e/support/seed";

const hostile = "<img src=x onerror=alert(1)>";
const itemCount = 40;

interface SeededTrace {
  traceId: string;
  spanCount: number;
  ids: { root: string; loadCart: string; selectCarts: string; charge: string; chargeCard: string };
}

/**
 * GET /checkout                 e2e-frontend  SERVER    0─120ms
 * ├── load cart                 e2e-frontend  INTERNAL  5─28
 * │   └── SELECT carts          e2e-frontend  CLIENT    8─20
 * ├── render item 0 … 39        e2e-frontend  INTERNAL  30+i─31+i   (push the tail below the fold)
 * └── POST /charge              e2e-frontend  CLIENT    75─110
 *     └── charge card           e2e-payments  SERVER    78─105  ERROR, hostile attribute, one event
 */
async function sendTrace(): Promise<SeededTrace> {
  const t0 = Date.now() - 10_000;
  const at = (ms: number) => t0 + ms;
  const root: SeedSpan = {
    key: "root",
    service: "e2e-frontend",
    name: "GET /checkout",
    kind: SpanKind.SERVER,
    start: at(0),
    end: at(120),
    attributes: { "http.request.method": "GET", "url.path": "/checkout" },
    children: [
      {
        key: "loadCart",
        name: "load cart",
        kind: SpanKind.INTERNAL,
        start: at(5),
        end: at(28),
        attributes: { "cart.items": 3 },
        children: [
          {
            key: "selectCarts",
            name: "SELECT carts",
            kind: SpanKind.CLIENT,
            start: at(8),
            end: at(20),
            attributes: {
              "db.system.name": "postgresql",
              "db.query.text": "SELECT * FROM carts WHERE id = $1",
            },
          },
        ],
      },
      ...Array.from(
        { length: itemCount },
        (_, i): SeedSpan => ({
          name: `render item ${i}`,
          kind: SpanKind.INTERNAL,
          start: at(30 + i),
          end: at(31 + i),
          attributes: { "item.index": i },
        }),
      ),
      {
        key: "charge",
        name: "POST /charge",
        kind: SpanKind.CLIENT,
        start: at(75),
        end: at(110),
        attributes: { "http.request.method": "POST" },
        children: [
          {
            key: "chargeCard",
            service: "e2e-payments",
            name: "charge card",
            kind: SpanKind.SERVER,
            start: at(78),
            end: at(105),
            attributes: { "payment.provider": "acme", "payment.note": hostile, "payment.amount": 42.5 },
            events: [
              { name: "card declined", at: at(100), attributes: { "decline.code": "insufficient_funds" } },
            ],
            error: "card declined by issuer",
          },
        ],
      },
    ],
  };
  const sent = await sendTraces([root], {
    resource: { "deployment.environment.name": "e2e" },
    scopes: {
      "e2e-frontend": { name: "e2e-checkout", version: "1.0.0" },
      "e2e-payments": { name: "e2e-payments-sdk", version: "2.1.0" },
    },
  });
  const id = (key: string) => sent.spanIds[key] as string;
  return {
    traceId: sent.traceIds[0] as string,
    spanCount: sent.spanCount,
    ids: {
      root: id("root"),
      loadCart: id("loadCart"),
      selectCarts: id("selectCarts"),
      charge: id("charge"),
      chargeCard: id("chargeCard"),
    },
  };
}

let seeded: Promise<SeededTrace> | undefined;

/** Sends the trace once per worker and waits until all of it can be read back. */
async function seededTrace(request: APIRequestContext): Promise<SeededTrace> {
  seeded ??= sendTrace();
  const sent = await seeded;
  // The SDK's SimpleSpanProcessor only logs failed exports, so the API is the proof of arrival.
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/traces/${sent.traceId}`);
        return response.ok()
          ? ((await response.json()) as { spans: unknown[] }).spans.length
          : response.status();
      },
      {
        message: `all ${sent.spanCount} spans of trace ${sent.traceId} readable from /api/traces`,
        timeout: 15_000,
      },
    )
    .toBe(sent.spanCount);
  return sent;
}

const rowOf = (page: Page, spanId: string) => page.locator(`[role="treeitem"][data-span-id="${spanId}"]`);
const spanUrl = (traceId: string, spanId: string) => new RegExp(`/traces/${traceId}\\?span=${spanId}$`);

test.describe("trace page", () => {
  test("shows the waterfall, span details, shareable selection and keyboard navigation", async ({
    page,
    request,
  }) => {
    const { traceId, spanCount, ids } = await seededTrace(request);
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await test.step("the waterfall lists every span, nested under its parent", async () => {
      await page.goto(`/traces/${traceId}`);
      await expect(page.getByRole("heading", { level: 1, name: "GET /checkout" })).toBeVisible();
      const tree = page.getByRole("tree");
      await expect(tree.getByRole("treeitem")).toHaveCount(spanCount);

      const expected = [
        { id: ids.root, index: 0, level: 1 },
        { id: ids.loadCart, index: 1, level: 2 },
        { id: ids.selectCarts, index: 2, level: 3 },
        { id: ids.charge, index: spanCount - 2, level: 2 },
        { id: ids.chargeCard, index: spanCount - 1, level: 3 },
      ];
      for (const { id, index, level } of expected) {
        await expect(rowOf(page, id)).toHaveAttribute("data-row-index", String(index));
        await expect(rowOf(page, id)).toHaveAttribute("aria-level", String(level));
      }
      await expect(rowOf(page, ids.chargeCard)).toHaveAttribute("data-status", "error");
      await expect(rowOf(page, ids.chargeCard)).toContainText("error");
      await expect(rowOf(page, ids.root)).not.toHaveAttribute("data-status", "error");
      await expect(page.getByRole("list", { name: "Services" })).toContainText("e2e-payments");
    });

    const details = page.getByRole("complementary", { name: "Span details" });

    await test.step("clicking a span opens its details and puts it in the URL", async () => {
      await rowOf(page, ids.chargeCard).click();
      await expect(page).toHaveURL(spanUrl(traceId, ids.chargeCard));
      await expect(details.getByRole("heading", { name: "charge card" })).toBeVisible();
      await expect(details).toContainText("e2e-payments");
      await expect(details).toContainText(ids.chargeCard);
      await expect(details).toContainText("card declined by issuer");
      await expect(details).toContainText("payment.provider");
      await expect(details.getByText("acme", { exact: true })).toBeVisible();
      await expect(details.getByText("insufficient_funds", { exact: true })).toBeVisible();
      await expect(details.getByRole("button", { name: /POST \/charge/ })).toBeVisible();
    });

    await test.step("a hostile attribute value is shown as literal text", async () => {
      await expect(details.getByText(hostile, { exact: true })).toBeVisible();
      await expect(page.locator('img[src="x"]')).toHaveCount(0);
      expect(dialogs).toEqual([]);
    });

    await test.step("Copy link copies the URL of this view", async () => {
      await page.getByRole("button", { name: "Copy link" }).click();
      await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    });

    await test.step("reopening the ?span= link selects that span and scrolls to it", async () => {
      await page.reload();
      const row = rowOf(page, ids.chargeCard);
      await expect(row).toHaveAttribute("aria-selected", "true");
      await expect(row).toBeInViewport();
      await expect(details.getByRole("heading", { name: "charge card" })).toBeVisible();
    });

    await test.step("arrow keys move the selection, Escape closes the details", async () => {
      await rowOf(page, ids.chargeCard).focus();
      await page.keyboard.press("ArrowUp");
      await expect(rowOf(page, ids.charge)).toHaveAttribute("aria-selected", "true");
      await expect(rowOf(page, ids.charge)).toBeFocused();
      await expect(page).toHaveURL(spanUrl(traceId, ids.charge));
      await expect(details.getByRole("heading", { name: "POST /charge" })).toBeVisible();

      await page.keyboard.press("ArrowLeft");
      await expect(rowOf(page, ids.chargeCard)).toHaveCount(0);
      await page.keyboard.press("ArrowRight");
      await expect(rowOf(page, ids.chargeCard)).toHaveCount(1);

      await page.keyboard.press("Escape");
      await expect(details).toHaveCount(0);
      await expect(page).toHaveURL(new RegExp(`/traces/${traceId}$`));
    });
  });

  test("says a trace that has not arrived may still be arriving, with a retry", async ({ page }) => {
    await page.goto(`/traces/${randomBytes(16).toString("hex")}`);
    await expect(page.getByRole("heading", { name: "Trace not found" })).toBeVisible();
    await expect(page.getByText("It may still be arriving")).toBeVisible();
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByRole("heading", { name: "Trace not found" })).toBeVisible();
  });

  test("explains a malformed trace id", async ({ page }) => {
    await page.goto("/traces/not-a-trace-id");
    await expect(page.getByRole("heading", { name: "Not a valid trace id" })).toBeVisible();
    await expect(page.getByText("should be 32 hexadecimal characters")).toBeVisible();
  });

  test("the home page explains how to send traces, and the header opens a pasted trace id", async ({
    page,
    request,
  }) => {
    const { traceId } = await seededTrace(request);
    // The host the page was opened at and the OTLP/HTTP port this instance was configured with.
    const instructions = page.getByText(
      `OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${new URL(otlpHttpUrl()).port}`,
    );

    // With services to show, the overview keeps the instructions one click away…
    await page.goto("/");
    await page.getByText("Send traces from another service").click();
    await expect(instructions).toBeVisible();
    // …and a window without requests shows them straight away, as the empty state.
    await page.goto("/?from=2001-01-01T00:00:00Z&to=2001-01-01T01:00:00Z");
    await expect(page.getByRole("heading", { name: "No requests in this range" })).toBeVisible();
    await expect(instructions).toBeVisible();

    await page.getByLabel("Go to trace id").fill(`  ${traceId.toUpperCase()} `);
    await page.getByRole("button", { name: "Open" }).click();
    // The trace opens on its first error span (#16), which the URL then names.
    await expect(page).toHaveURL(new RegExp(`/traces/${traceId}(\\?span=[0-9a-f]{16})?$`));
    await expect(page.getByRole("heading", { level: 1, name: "GET /checkout" })).toBeVisible();
  });

  test("dark mode follows the toggle and survives a reload", async ({ page }) => {
    // Two loads of the overview (a dozen live requests each): on a busy CI machine the pair took
    // longer than the 30 s default; after the reload the theme shows before the data arrives.
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    const html = page.locator("html");
    await expect(html).not.toHaveClass(/\bdark\b/);
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await expect(html).toHaveClass(/\bdark\b/);
    await page.reload({ waitUntil: "domcontentloaded" });
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
  });
});
