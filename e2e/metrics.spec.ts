// The metrics explorer end to end: metrics sent by the official MeterProvider and OTLP/protobuf
// exporter; a query built on /metrics by clicking, reloaded from its URL to the same chart; and
// the endpoint page's percentiles read from the HTTP duration histogram.
//
//   service e2e-metrics-…
//   ├─ jobs.done                     counter   {queue: a} 5+7, {queue: b} 2
//   ├─ http.server.request.duration  histogram (s)  GET /orders/{id}: 90 × 20–80 ms, 10 × 300–700 ms
//   └─ GET /orders/{id}              SERVER spans ×3 (so the endpoint page exists)
//   service e2e-metrics-ex-…
//   ├─ http.server.duration          histogram (ms, buckets 0/10/100/1000): 90 × 20–80, 10 × 300–700,
//   │                                one exemplar (450 ms) naming the trace below
//   └─ GET /orders/{id}              SERVER span, 450 ms
import { randomBytes } from "node:crypto";
import { SpanKind } from "@opentelemetry/api";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { sendTraces } from "./support/seed";
import { sendHistogramWithExemplar, sendMetrics } from "./support/seed-metrics";

const runId = randomBytes(3).toString("hex");
const service = `e2e-metrics-${runId}`;
const ORDERS = "GET /orders/{id}";
const loaded = expect.configure({ timeout: 20_000 });

let seeded: Promise<unknown> | undefined;

async function seed(request: APIRequestContext): Promise<void> {
  seeded ??= (async () => {
    await sendMetrics(service, (meter) => {
      const jobs = meter.createCounter("jobs.done", { description: "Jobs finished" });
      jobs.add(5, { queue: "a" });
      jobs.add(7, { queue: "a" });
      jobs.add(2, { queue: "b" });
      const duration = meter.createHistogram("http.server.request.duration", { unit: "s" });
      const attributes = { "http.route": "/orders/{id}", "http.request.method": "GET" };
      for (let i = 0; i < 90; i++) duration.record(0.02 + (i % 10) * 0.006, attributes);
      for (let i = 0; i < 10; i++) duration.record(0.3 + i * 0.04, attributes);
    });
    const now = Date.now();
    await sendTraces(
      [0, 1, 2].map((i) => ({
        service,
        name: ORDERS,
        kind: SpanKind.SERVER,
        start: now - 60_000 + i * 1000,
        end: now - 60_000 + i * 1000 + 40,
        attributes: {
          "http.request.method": "GET",
          "http.route": "/orders/{id}",
          "http.response.status_code": 200,
        },
      })),
    );
  })();
  await seeded;
  await expect
    .poll(async () => {
      const response = await request.get(`/api/metrics?service=${service}`);
      return response.ok() ? ((await response.json()) as { metrics: unknown[] }).metrics.length : 0;
    })
    .toBe(2);
}

test.beforeEach(async ({ request }) => {
  await seed(request);
});

test("a query built on /metrics is in the URL, and reloading it draws the same chart", async ({ page }) => {
  const from = new Date(Date.now() - 15 * 60_000).toISOString();
  const to = new Date(Date.now() + 5 * 60_000).toISOString();
  await page.goto(`/metrics?from=${from}&to=${to}&service=${service}`);
  await page.getByRole("link", { name: "Metrics", exact: true }).waitFor();
  await expect(page.getByRole("link", { name: "Metrics", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );

  await page.getByLabel("Search metrics").fill("jobs");
  const list = page.getByRole("list", { name: "Metrics" });
  await loaded(list.getByRole("link")).toHaveCount(1);
  await list.getByRole("link", { name: /jobs\.done/ }).click();
  await page.getByLabel("Statistic").selectOption("sum");
  await page.getByLabel("Group by").selectOption("queue");
  await expect(page).toHaveURL(/metric=jobs\.done/);
  await expect(page).toHaveURL(/stat=sum/);
  await expect(page).toHaveURL(/groupBy=queue/);
  await loaded(page.getByText("queue=a", { exact: true })).toBeVisible();
  await expect(page.getByText("queue=b", { exact: true })).toBeVisible();

  await page.getByLabel("Filter key").selectOption("queue");
  await page.getByLabel("Filter value").selectOption("a");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page).toHaveURL(/filter=queue(=|%3D)a/);
  await loaded(page.getByText("queue=b", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Filters" })).toContainText("queue=a");

  const lines = page.locator(".recharts-line-curve");
  await loaded(lines).toHaveCount(1);
  const before = {
    url: page.url(),
    paths: await lines.evaluateAll((els) => els.map((e) => e.getAttribute("d"))),
  };
  await page.reload();
  await loaded(page.locator(".recharts-line-curve")).toHaveCount(1);
  expect(page.url()).toBe(before.url);
  await expect(page.getByLabel("Statistic")).toHaveValue("sum");
  await expect(page.getByLabel("Group by")).toHaveValue("queue");
  expect(
    await page.locator(".recharts-line-curve").evaluateAll((els) => els.map((e) => e.getAttribute("d"))),
  ).toEqual(before.paths);
});

test("the endpoint page shows p50/p95/p99 from the duration histogram beside the trace-derived ones", async ({
  page,
}) => {
  await page.goto(`/endpoints?${new URLSearchParams({ service, endpoint: ORDERS })}&range=15m`);
  const fromMetrics = page.getByRole("region", { name: "Latency from metrics" });
  await loaded(fromMetrics).toBeVisible();
  await expect(fromMetrics).toContainText("http.server.request.duration");
  // 90 of 100 requests took 20–80 ms: the p50 lies in the 25–50 ms bucket.
  const p50 = fromMetrics.getByTitle("From the http.server.request.duration histogram").first();
  await loaded(p50).toContainText(/\d+(\.\d+)?\s?ms/);
  const text = (await p50.textContent()) ?? "";
  const ms = Number(/([\d.]+)\s?ms/.exec(text)?.[1]);
  expect(ms).toBeGreaterThanOrEqual(25);
  expect(ms).toBeLessThanOrEqual(50);
  await expect(page.getByText("p50", { exact: true }).first()).toBeVisible();
});

test("a histogram's bucket heatmap is in the URL, and exemplar dots on either chart open their traces", async ({
  page,
}) => {
  const exService = `e2e-metrics-ex-${runId}`;
  const now = Date.now();
  const { traceIds, spanIds } = await sendTraces([
    {
      service: exService,
      name: ORDERS,
      kind: SpanKind.SERVER,
      start: now - 30_000,
      end: now - 29_550,
      key: "slow",
      attributes: { "http.request.method": "GET", "http.route": "/orders/{id}" },
    },
  ]);
  const traceId = traceIds[0] as string;
  const spanId = spanIds.slow as string;
  const values = [
    ...Array.from({ length: 90 }, (_, i) => 20 + (i % 10) * 6),
    ...Array.from({ length: 10 }, (_, i) => 300 + i * 40),
  ];
  await sendHistogramWithExemplar(exService, values, { value: 450, traceId, spanId });

  const from = new Date(now - 15 * 60_000).toISOString();
  const to = new Date(now + 5 * 60_000).toISOString();
  const chartUrl = `/metrics?from=${from}&to=${to}&service=${exService}&metric=http.server.duration`;
  const dotName = `Exemplar 450 ms: open trace ${traceId}`;
  const tracePage = new RegExp(`/traces/${traceId}\\?span=${spanId}$`);

  // The percentile chart's dot.
  await page.goto(chartUrl);
  await loaded(page.getByRole("link", { name: dotName })).toBeVisible();
  await page.getByRole("link", { name: dotName }).click();
  await expect(page).toHaveURL(tracePage);
  await loaded(page.getByText(ORDERS).first()).toBeVisible();

  // The heatmap: two cells (90 values in 10–100 ms, 10 in 100–1000 ms), the same after a reload.
  await page.goto(chartUrl);
  await page.getByLabel("Show", { exact: true }).selectOption("heatmap");
  await expect(page).toHaveURL(/view=heatmap/);
  await expect(page.getByLabel("Statistic")).toBeHidden();
  const heatmap = page.getByRole("img", { name: /Heatmap of http\.server\.duration/ });
  const counts = () =>
    heatmap.locator("rect").evaluateAll((els) => els.map((e) => e.getAttribute("data-count")));
  await loaded(heatmap.locator("rect")).toHaveCount(2);
  expect((await counts()).sort()).toEqual(["10", "90"]);
  await expect(page.getByRole("list", { name: "Buckets" })).toContainText("10 ms–100 ms");
  const url = page.url();
  await page.reload();
  await loaded(heatmap.locator("rect")).toHaveCount(2);
  expect(page.url()).toBe(url);
  await expect(page.getByLabel("Show", { exact: true })).toHaveValue("heatmap");
  expect((await counts()).sort()).toEqual(["10", "90"]);

  // The heatmap's dot sits in the 100–1000 ms row and opens the same trace.
  await page.getByRole("link", { name: dotName }).click();
  await expect(page).toHaveURL(tracePage);
});
