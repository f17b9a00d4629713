// npm run bench:trace-page [-- --sizes 10000,100000 --runs 3]
//
// Opens the trace page in Chromium on synthetic traces of each size (12 services, fan-out 3–10,
// depth ≤ 8, the shape issue #17 measured) loaded straight through the span store, and prints:
//   api     GET /api/traces/{id}?view=page from Node: time and JSON size, then the same with
//           &format=compact, the shape the page reads: built, and kept (sent as stored)
//   kept by the worker   how long after the trace's last write the worker had kept its answer
//           (the trace is quiet after ANALYSIS_QUIET_PERIOD, 2 s)
//   open    navigation start → first waterfall row painted, timed in the page (performance.now()
//           counts from the navigation's start; a MutationObserver notes the first row, then the
//           next frame): the first load, whose request builds the answer, then the median of the
//           later loads, which read the answer a large trace keeps (TRACE_PAGE_KEEP_MIN_SPANS);
//           and how long of each the page's own trace request took (request start → last byte).
//           "seen from Playwright": from page.goto() to the row found and a frame after, which
//           adds Playwright's round trips and its polling for the row (50–330 ms on 2026-11-29).
//   collapse / expand   click on the root's toggle → next frame painted
//   critical  "Critical path" on → next frame painted
//   search  typing a query that matches ~1/12 of the spans → match count shown
//   heap    JS heap used after a forced GC: after collapse/expand, and again after the critical
//           path and the search (which keep their results)
// Spans beyond TRACE_PAGE_MAX_SPANS (default 200,000) are left out by the page, as a user sees.
import { parseArgs } from "node:util";
import { type BrowserContext, chromium, type Page } from "@playwright/test";
import pg from "pg";
import { startBenchStack } from "@/bench/support/bench-stack";
import { makeSyntheticTrace, syntheticResources } from "@/bench/support/synthetic-trace";
import { createSpanStore } from "@/lib/server/ingest-role";
import { chromiumLaunchOptions } from "@/scripts/chromium";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    runs: { type: "string", default: "3" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const runs = Number(values.runs);

/** JS heap in use after a forced garbage collection. */
async function usedHeapMb(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  await cdp.detach();
  return (metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0) / 1024 / 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const stack = await startBenchStack();
const pool = new pg.Pool({ connectionString: stack.database.url, max: 2 });
const store = createSpanStore(pool);
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const base = stack.server.baseUrl;
  console.log(`Chromium ${browser.version()}, ${runs} page loads per size\n`);
  for (const size of sizes) {
    const { traceId, rows } = makeSyntheticTrace(size, Date.now() - 120_000);
    for (let i = 0; i < rows.length; i += 10_000)
      await store.write(rows.slice(i, i + 10_000), syntheticResources);

    const written = performance.now();
    const keptRow = () =>
      pool.query("SELECT 1 FROM trace_pages WHERE trace_id = decode($1, 'hex')", [traceId]);
    const isKept = async () => {
      for (let i = 0; i < 600; i++) {
        if ((await keptRow()).rowCount) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    };
    const dropKept = () =>
      pool.query("DELETE FROM trace_pages WHERE trace_id = decode($1, 'hex')", [traceId]);
    // The worker keeps a large trace's answer once the trace is quiet (ANALYSIS_QUIET_PERIOD, 2 s).
    const keptByWorker = await isKept();
    const workerKeptMs = performance.now() - written;

    const t0 = performance.now();
    const response = await fetch(`${base}/api/traces/${traceId}?view=page`);
    const body = await response.text();
    const apiMs = performance.now() - t0;
    const shown = (JSON.parse(body) as { spans: unknown[] }).spans.length;
    // The page's request, from Node (which takes gzip, so a kept answer is sent as stored): kept,
    // then built (after the kept answer is dropped; that request keeps it again).
    const compactUrl = `${base}/api/traces/${traceId}?view=page&format=compact`;
    let keptCompactMs = Number.NaN;
    if (keptByWorker) {
      const k0 = performance.now();
      await (await fetch(compactUrl)).text();
      keptCompactMs = performance.now() - k0;
      await dropKept();
    }
    const c0 = performance.now();
    const compactBody = await (await fetch(compactUrl)).text();
    const compactMs = performance.now() - c0;
    // Dropped again, so that the first page load below builds the answer, as the first opening
    // of a trace still arriving (or of one the worker has not reached yet) does; the later loads
    // read the kept one.
    const keeps = await isKept();
    if (keeps) await dropKept();

    const opens: number[] = [];
    const playwrightOpens: number[] = [];
    const fetches: number[] = [];
    let collapseMs = 0;
    let expandMs = 0;
    let criticalMs = 0;
    let searchMs = 0;
    let heapMb = 0;
    let plainHeapMb = 0;
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      // In the page, from the navigation's start: the first row attached, then the next frame.
      await page.addInitScript(() => {
        const w = window as unknown as { __firstRowPaintedAt?: number };
        const observer = new MutationObserver(() => {
          if (!document.querySelector('[role="treeitem"]')) return;
          observer.disconnect();
          requestAnimationFrame(() =>
            setTimeout(() => {
              w.__firstRowPaintedAt = performance.now();
            }, 0),
          );
        });
        observer.observe(document, { childList: true, subtree: true });
      });
      const began = Date.now();
      await page.goto(`${base}/traces/${traceId}`, { waitUntil: "commit" });
      await page.locator('[role="treeitem"]').first().waitFor({ timeout: 120_000 });
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
      );
      playwrightOpens.push(Date.now() - began);
      opens.push(
        Math.round(
          await page
            .waitForFunction(
              () => (window as unknown as { __firstRowPaintedAt?: number }).__firstRowPaintedAt,
            )
            .then((handle) => handle.jsonValue() as Promise<number>),
        ),
      );
      // The page's own request for the trace: from request start to its last byte.
      fetches.push(
        await page.evaluate(() => {
          const entry = performance
            .getEntriesByType("resource")
            .find((e) => e.name.includes("/api/traces/")) as PerformanceResourceTiming | undefined;
          return entry ? Math.round(entry.responseEnd - entry.startTime) : Number.NaN;
        }),
      );
      if (run === runs - 1) {
        const clickToggle = (title: string) =>
          page.evaluate(async (t) => {
            const toggle = document.querySelector<HTMLElement>(`[role="treeitem"] [title^="${t}"]`);
            if (!toggle) throw new Error(`no "${t}" toggle`);
            const start = performance.now();
            toggle.click();
            await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
            return performance.now() - start;
          }, title);
        collapseMs = await clickToggle("Collapse");
        expandMs = await clickToggle("Expand");
        plainHeapMb = await usedHeapMb(context, page);
        // NaN where the page has no such control (e.g. measuring an older build for comparison).
        criticalMs = await page.evaluate(async () => {
          const button = [...document.querySelectorAll("button")].find(
            (b) => b.textContent === "Critical path",
          );
          if (!button) return Number.NaN;
          const start = performance.now();
          button.click();
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          return performance.now() - start;
        });
        const search = page.getByRole("searchbox", { name: "Search spans in this trace" });
        if ((await search.count()) > 0) {
          const searchStart = Date.now();
          await search.fill("k7");
          await page.getByText(/matches?$/).waitFor();
          searchMs = Date.now() - searchStart;
        } else {
          searchMs = Number.NaN;
        }
        heapMb = await usedHeapMb(context, page);
      }
      await context.close();
      if (run === 0 && keeps) await isKept();
    }
    const later = opens.slice(1);
    console.log(
      `${size.toLocaleString("en-US").padStart(9)} spans (${shown.toLocaleString("en-US")} shown): ` +
        `api ${apiMs.toFixed(0)} ms / ${(body.length / 1024 / 1024).toFixed(1)} MB, ` +
        `compact ${compactMs.toFixed(0)} ms built, ${keptCompactMs.toFixed(0)} ms kept / ${(compactBody.length / 1024 / 1024).toFixed(1)} MB, ` +
        `kept by the worker ${keptByWorker ? `${(workerKeptMs / 1000).toFixed(1)} s after the last write` : "not at all"}, ` +
        `open ${opens[0]} ms first (built), ${later.length > 0 ? median(later) : Number.NaN} ms then (${keeps ? "kept answer" : "built again"}; ` +
        `${opens.join(", ")}; page's trace request ${fetches.join(", ")} ms; seen from Playwright ${playwrightOpens[0]} / ${later.length > 0 ? median(playwrightOpens.slice(1)) : Number.NaN} ms), collapse ${collapseMs.toFixed(0)} ms, ` +
        `expand ${expandMs.toFixed(0)} ms, critical path ${criticalMs.toFixed(0)} ms, ` +
        `search ${searchMs} ms, heap ${plainHeapMb.toFixed(0)} MB (${heapMb.toFixed(0)} MB with critical path and search)`,
    );
  }
} finally {
  await browser.close();
  await pool.end();
  await stack.stop();
}
