// The trace page's tools on a trace sent by the official OpenTelemetry SDK: the critical path
// (?critical=1), search inside the trace (?q=) with next/previous, clock-skew flags, the span cap
// notice, and comparing two traces (/traces/compare?a=&b=).
import { SpanKind } from "@opentelemetry/api";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { type SeedSpan, sendTraces } from "@/e2e/support/seed";

/**
 * Trace A                                              Trace B (same request, slower, no charge)
 * GET /checkout     web       SERVER   0──────────100   GET /checkout  web  0──────────130
 * ├── load cart     web       INTERNAL  5──25           ├── load cart  web   5──25
 * │   └── SELECT carts  db    CLIENT     8─20           │   └── SELECT carts db 8─20
 * ├── price items   web       INTERNAL   10───40        └── price items web    10──────120
 * │   └── reserve stock  inventory SERVER 5─15   (starts before its parent: clock skew)
 * └── POST /charge  web       CLIENT          50───95
 *     └── charge card  payments SERVER         55──90   order.id = A-4711
 *
 * Critical path of A (backwards from 100): root 95–100, POST /charge, charge card 55–90,
 * root 40–50, price items, reserve stock, root 0–10. Not on it: load cart, SELECT carts
 * (load cart ended at 25, while price items, started at 10, ran until 40).
 */
function checkout(
  t0: number,
  priceEnd: number,
  rootEnd: number,
  withCharge: boolean,
  suffix: string,
): SeedSpan {
  const at = (ms: number) => t0 + ms;
  return {
    key: `root${suffix}`,
    service: "e2e-shop",
    name: "GET /checkout",
    kind: SpanKind.SERVER,
    start: at(0),
    end: at(rootEnd),
    children: [
      {
        key: `loadCart${suffix}`,
        name: "load cart",
        kind: SpanKind.INTERNAL,
        start: at(5),
        end: at(25),
        children: [
          {
            key: `selectCarts${suffix}`,
            service: "e2e-db",
            name: "SELECT carts",
            kind: SpanKind.CLIENT,
            start: at(8),
            end: at(20),
            attributes: { "db.query.text": "SELECT * FROM carts WHERE id = $1" },
          },
        ],
      },
      {
        key: `priceItems${suffix}`,
        name: "price items",
        kind: SpanKind.INTERNAL,
        start: at(10),
        end: at(priceEnd),
        children: withCharge
          ? [
              {
                key: `reserve${suffix}`,
                service: "e2e-inventory",
                name: "reserve stock",
                kind: SpanKind.SERVER,
                start: at(5),
                end: at(15),
              },
            ]
          : [],
      },
      ...(withCharge
        ? [
            {
              key: `charge${suffix}`,
              name: "POST /charge",
              kind: SpanKind.CLIENT,
              start: at(50),
              end: at(95),
              children: [
                {
                  key: `chargeCard${suffix}`,
                  service: "e2e-payments",
                  name: "charge card",
                  kind: SpanKind.SERVER,
                  start: at(55),
                  end: at(90),
                  attributes: { "order.id": "A-4711" },
                },
              ],
            } satisfies SeedSpan,
          ]
        : []),
    ],
  };
}

interface Seeded {
  a: string;
  b: string;
  ids: Record<string, string>;
}

let seeded: Promise<Seeded> | undefined;

async function seed(request: APIRequestContext): Promise<Seeded> {
  seeded ??= (async () => {
    const t0 = Date.now() - 20_000;
    const sent = await sendTraces([
      checkout(t0, 40, 100, true, "A"),
      checkout(t0 + 1000, 120, 130, false, "B"),
    ]);
    return { a: sent.traceIds[0] as string, b: sent.traceIds[1] as string, ids: sent.spanIds };
  })();
  const result = await seeded;
  for (const [traceId, count] of [
    [result.a, 7],
    [result.b, 4],
  ] as const) {
    await expect
      .poll(
        async () => {
          const response = await request.get(`/api/traces/${traceId}`);
          return response.ok() ? ((await response.json()) as { spans: unknown[] }).spans.length : 0;
        },
        { message: `trace ${traceId} readable`, timeout: 15_000 },
      )
      .toBe(count);
  }
  return result;
}

const rowOf = (page: Page, spanId: string) => page.locator(`[role="treeitem"][data-span-id="${spanId}"]`);

test.describe("trace page tools", () => {
  test("Critical path highlights the spans that decided the trace's end, kept in the URL", async ({
    page,
    request,
  }) => {
    const { a, ids } = await seed(request);
    await page.goto(`/traces/${a}`);
    const toggle = page.getByRole("button", { name: "Critical path" });
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await expect(page.locator("[data-critical]")).toHaveCount(0);

    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(page).toHaveURL(/[?&]critical=1/);
    for (const key of ["rootA", "chargeA", "chargeCardA", "priceItemsA", "reserveA"]) {
      await expect(rowOf(page, ids[key] as string), key).toHaveAttribute("data-critical", "true");
    }
    for (const key of ["loadCartA", "selectCartsA"]) {
      await expect(rowOf(page, ids[key] as string), key).not.toHaveAttribute("data-critical");
    }
    // Self time beside each duration: charge card has no children, so all 35 ms are its own.
    await expect(rowOf(page, ids.chargeCardA as string)).toContainText("self 35");
    // The clock of reserve stock (another service, starting before its caller) is flagged.
    await expect(rowOf(page, ids.reserveA as string)).toContainText("clock skew");

    await page.reload();
    await expect(page.getByRole("button", { name: "Critical path" })).toHaveAttribute("aria-pressed", "true");
    await expect(rowOf(page, ids.chargeA as string)).toHaveAttribute("data-critical", "true");
  });

  test("search inside the trace steps through matches and opens collapsed ancestors", async ({
    page,
    request,
  }) => {
    const { a, ids } = await seed(request);
    await page.goto(`/traces/${a}?span=${ids.loadCartA}`);
    // Collapse "load cart": its SELECT carts child leaves the list.
    await rowOf(page, ids.loadCartA as string).focus();
    await page.keyboard.press("ArrowLeft");
    await expect(rowOf(page, ids.selectCartsA as string)).toHaveCount(0);

    const search = page.getByRole("searchbox", { name: "Search spans in this trace" });
    await search.fill("carts");
    await expect(page).toHaveURL(/[?&]q=carts/);
    await expect(page.getByText("1 match", { exact: true })).toBeVisible();
    await search.press("Enter");
    await expect(page).toHaveURL(new RegExp(`[?&]span=${ids.selectCartsA}`));
    await expect(rowOf(page, ids.selectCartsA as string)).toHaveAttribute("aria-selected", "true");
    await expect(rowOf(page, ids.selectCartsA as string)).toHaveAttribute("data-match", "true");

    // An attribute value finds its span; "cart" matches two spans, stepped with the buttons and n/N.
    await search.fill("A-4711");
    await search.press("Enter");
    await expect(rowOf(page, ids.chargeCardA as string)).toHaveAttribute("aria-selected", "true");

    await search.fill("cart");
    await expect(page.getByText("2 matches", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Next match" }).click();
    await expect(page.getByText("1 of 2 matches")).toBeVisible();
    await expect(rowOf(page, ids.loadCartA as string)).toHaveAttribute("aria-selected", "true");
    await page.getByRole("button", { name: "Next match" }).click();
    await expect(page.getByText("2 of 2 matches")).toBeVisible();
    await rowOf(page, ids.selectCartsA as string).focus();
    await page.keyboard.press("n");
    await expect(page.getByText("1 of 2 matches")).toBeVisible();
    await page.keyboard.press("N");
    await expect(page.getByText("2 of 2 matches")).toBeVisible();

    // A shared link opens with the same search.
    await page.goto(`/traces/${a}?q=charge`);
    await expect(page.getByRole("searchbox", { name: "Search spans in this trace" })).toHaveValue("charge");
    await expect(page.locator("[data-match]")).toHaveCount(2);
  });

  test("the minimap zooms the waterfall into a time range, kept in the URL", async ({ page, request }) => {
    const { a, ids } = await seed(request);
    // Zoomed to 50–95 ms, charge card (55–90 ms) starts 5/45 of the way across the timeline.
    await page.goto(`/traces/${a}?zoom=50-95`);
    await expect(page.getByText("Zoomed to 50ms – 95ms")).toBeVisible();
    const bar = rowOf(page, ids.chargeCardA as string).locator('div[style*="background-color"]');
    const left = await bar.evaluate((element) => Number.parseFloat((element as HTMLElement).style.left));
    expect(left).toBeCloseTo((5 / 45) * 100, 1);

    await page.getByRole("button", { name: "Reset zoom" }).click();
    await expect(page).not.toHaveURL(/zoom=/);
    await expect(page.getByText("Drag across the minimap to zoom")).toBeVisible();

    // Dragging from 10 % to 40 % of the minimap zooms to roughly 10–40 ms of this 100 ms trace.
    const box = await page.getByTestId("trace-minimap").boundingBox();
    if (!box) throw new Error("minimap not laid out");
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    await page.mouse.up();
    await expect(page).toHaveURL(/[?&]zoom=\d+(\.\d+)?-\d+(\.\d+)?/);
    const [from, to] = (new URL(page.url()).searchParams.get("zoom") as string).split("-").map(Number);
    expect(from).toBeGreaterThan(8);
    expect(from).toBeLessThan(12);
    expect(to).toBeGreaterThan(38);
    expect(to).toBeLessThan(42);
  });

  test("says how many spans the cap left out", async ({ page, request }) => {
    const { a } = await seed(request);
    // The server's TRACE_PAGE_MAX_SPANS is far above this trace; ask the real API for fewer.
    await page.route(
      (url) => url.pathname === `/api/traces/${a}` && url.searchParams.get("view") === "page",
      (route) => route.continue({ url: `${route.request().url()}&maxSpans=3` }),
    );
    await page.goto(`/traces/${a}`);
    await expect(page.getByRole("note")).toContainText("This trace has 7 spans");
    await expect(page.getByRole("note")).toContainText("leaves out the last 4");
    await expect(page.getByRole("treeitem")).toHaveCount(3);
  });

  test("compares two traces, reached from the trace page", async ({ page, request }) => {
    const { a, b } = await seed(request);
    await page.goto(`/traces/${a}`);
    await page.getByRole("textbox", { name: "Trace id to compare with" }).fill(b);
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/traces/compare\\?a=${a}&b=${b}$`));

    const table = page.getByRole("table");
    await expect(table).toBeVisible();
    const row = (operation: string) => table.locator(`tr[data-operation="${operation}"]`);
    // price items: 30 ms in A, 110 ms in B; charge card exists in A only.
    await expect(row("e2e-shop: price items")).toContainText("+80");
    await expect(row("e2e-payments: charge card")).toContainText("only in A");
    await expect(row("e2e-shop: POST /charge")).toContainText("only in A");
    await expect(row("e2e-db: SELECT carts")).toContainText("±0");
    await expect(page.getByTestId("duration-delta")).toContainText("+30");
    // The first row is the largest change: price items (+80 ms).
    await expect(table.locator("tbody tr").first()).toContainText("price items");
  });

  test("two traces ticked on the search page open side by side", async ({ page, request }) => {
    const { a, b } = await seed(request);
    await page.goto("/traces?service=e2e-shop&range=1h");
    await page.getByRole("checkbox", { name: `Tick trace ${b} to compare` }).check();
    await expect(page.getByText("Tick two traces to compare them (1 of 2 ticked).")).toBeVisible();
    await page.getByRole("checkbox", { name: `Tick trace ${a} to compare` }).check();
    await page.getByRole("link", { name: "Compare the two ticked traces" }).click();
    // The first ticked is the baseline.
    await expect(page).toHaveURL(new RegExp(`/traces/compare\\?a=${b}&b=${a}$`));
    await expect(page.locator('tr[data-operation="e2e-payments: charge card"]')).toContainText("only in B");
  });
});
