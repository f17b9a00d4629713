// The trace page end to end: a trace sent by the official OpenTelemetry SDK and OTLP/protobuf
// exporter, then read the way an on-call engineer does (waterfall, span details, shared links).
import { randomBytes } from "node:crypto";
import {
  context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

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
  const otlpHttpUrl = process.env.TRACEWELL_OTLP_HTTP_URL;
  if (!otlpHttpUrl)
    throw new Error("TRACEWELL_OTLP_HTTP_URL is not set: run this through playwright.config.ts");
  const providerFor = (service: string) =>
    new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": service, "deployment.environment.name": "e2e" }),
      spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${otlpHttpUrl}/v1/traces` }))],
    });
  const frontend = providerFor("e2e-frontend");
  const payments = providerFor("e2e-payments");
  const frontendTracer = frontend.getTracer("e2e-checkout", "1.0.0");
  const paymentsTracer = payments.getTracer("e2e-payments-sdk", "2.1.0");

  const t0 = Date.now() - 10_000;
  const at = (ms: number) => new Date(t0 + ms);
  const childOf = (
    tracer: Tracer,
    parent: Span,
    name: string,
    kind: SpanKind,
    startMs: number,
    attributes: Record<string, string | number>,
  ) =>
    tracer.startSpan(
      name,
      { kind, startTime: at(startMs), attributes },
      trace.setSpan(context.active(), parent),
    );

  const root = frontendTracer.startSpan(
    "GET /checkout",
    {
      kind: SpanKind.SERVER,
      startTime: at(0),
      attributes: { "http.request.method": "GET", "url.path": "/checkout" },
    },
    ROOT_CONTEXT,
  );
  const loadCart = childOf(frontendTracer, root, "load cart", SpanKind.INTERNAL, 5, { "cart.items": 3 });
  const selectCarts = childOf(frontendTracer, loadCart, "SELECT carts", SpanKind.CLIENT, 8, {
    "db.system.name": "postgresql",
    "db.query.text": "SELECT * FROM carts WHERE id = $1",
  });
  selectCarts.end(at(20));
  loadCart.end(at(28));
  for (let i = 0; i < itemCount; i++) {
    childOf(frontendTracer, root, `render item ${i}`, SpanKind.INTERNAL, 30 + i, { "item.index": i }).end(
      at(31 + i),
    );
    // SimpleSpanProcessor exports each span on end(); the exporter refuses more than 30 exports
    // in flight ("Concurrent export limit reached"), so let them drain now and then.
    if (i % 10 === 9) await frontend.forceFlush();
  }
  const charge = childOf(frontendTracer, root, "POST /charge", SpanKind.CLIENT, 75, {
    "http.request.method": "POST",
  });
  const chargeCard = childOf(paymentsTracer, charge, "charge card", SpanKind.SERVER, 78, {
    "payment.provider": "acme",
    "payment.note": hostile,
    "payment.amount": 42.5,
  });
  chargeCard.addEvent("card declined", { "decline.code": "insufficient_funds" }, at(100));
  chargeCard.setStatus({ code: SpanStatusCode.ERROR, message: "card declined by issuer" });
  chargeCard.end(at(105));
  charge.end(at(110));
  root.end(at(120));

  await Promise.all([frontend.forceFlush(), payments.forceFlush()]);
  await Promise.all([frontend.shutdown(), payments.shutdown()]);

  const id = (span: Span) => span.spanContext().spanId;
  return {
    traceId: root.spanContext().traceId,
    spanCount: 5 + itemCount,
    ids: {
      root: id(root),
      loadCart: id(loadCart),
      selectCarts: id(selectCarts),
      charge: id(charge),
      chargeCard: id(chargeCard),
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

  test("the home page opens a pasted trace id", async ({ page, request }) => {
    const { traceId } = await seededTrace(request);
    await page.goto("/");
    await expect(page.getByText("OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318")).toBeVisible();
    await page.getByLabel("Go to trace id").fill(`  ${traceId.toUpperCase()} `);
    await page.getByRole("button", { name: "Open" }).click();
    await expect(page).toHaveURL(new RegExp(`/traces/${traceId}$`));
    await expect(page.getByRole("heading", { level: 1, name: "GET /checkout" })).toBeVisible();
  });

  test("dark mode follows the toggle and survives a reload", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    const html = page.locator("html");
    await expect(html).not.toHaveClass(/\bdark\b/);
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await expect(html).toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
  });
});
