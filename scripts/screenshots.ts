// `npm run screenshots`: the README's screenshots, taken in Chromium from a running Tracewell
// fed by the demo (`npm run demo`, or `--demo 90s` here), in light and dark. Each page is one
// entry of PAGES. Flags:
//   --base-url URL   the Tracewell to shoot (default http://localhost:$PORT or :3000)
//   --out DIR        where the PNGs go (default docs/screenshots)
//   --demo DURATION  run the demo against it first (e.g. 90s), sending to the base URL's /v1/*
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Locator, type Page } from "@playwright/test";
import { exemplarsResponseSchema } from "@/lib/contracts/endpoint-schemas";
import { runDemo } from "@/test/support/demo-process";
import { chromiumLaunchOptions } from "./chromium";

interface Shot {
  name: string;
  /** the page's path and query, given where the demo's data is */
  path: (site: Site) => Promise<string>;
  /** visible once the page shows its data */
  ready: (page: Page) => Locator;
}

interface Site {
  baseUrl: string;
}

const endpointQuery = (service: string, endpoint: string) =>
  new URLSearchParams({ service, endpoint, range: "15m", refresh: "off" }).toString();

const PAGES: Shot[] = [
  {
    name: "overview",
    path: async () => "/?range=15m&refresh=off",
    ready: (page) => page.getByRole("heading", { name: "frontend" }),
  },
  {
    name: "endpoint",
    path: async () => `/endpoints?${endpointQuery("inventory", "GET /stock/:sku")}`,
    ready: (page) => page.locator(".recharts-surface"),
  },
  {
    // The sequential-calls exhibit: its waterfall shows four downstream calls one after another.
    name: "trace",
    path: async (site) => `/traces/${await typicalSlowTrace(site, "frontend", "GET /products/:sku")}`,
    ready: (page) => page.getByRole("heading", { level: 1 }),
  },
  {
    // Trace search: the slowest requests of the sequential-calls endpoint, as its page links here.
    name: "search",
    path: async () =>
      `/traces?${new URLSearchParams({ service: "frontend", endpoint: "GET /products/:sku", sort: "duration", range: "15m" })}`,
    ready: (page) => page.locator("table tbody tr"),
  },
  {
    // Insights: what the detectors found in the demo (N+1, sequential calls, slow queries, cache
    // misses), ranked by the time a fix would save; a short demo may have found nothing yet.
    name: "insights",
    path: async () => "/insights?range=15m&refresh=off",
    ready: (page) =>
      page
        .getByRole("region", { name: "Findings by time to save" })
        .or(page.getByRole("heading", { name: /^No findings/ })),
  },
];

const THEMES = ["light", "dark"] as const;

/**
 * A representative slow request: the middle one of the endpoint's 20 slowest without an error
 * (the very slowest is often a start-up outlier, e.g. a first database connection).
 */
async function typicalSlowTrace(site: Site, service: string, endpoint: string): Promise<string> {
  const query = new URLSearchParams({ service, endpoint, limit: "20" });
  const response = await fetch(`${site.baseUrl}/api/endpoints/exemplars?${query}`);
  const { exemplars } = exemplarsResponseSchema.parse(await response.json());
  const ok = exemplars.filter((exemplar) => !exemplar.error);
  const pick = ok[Math.floor(ok.length / 2)] ?? exemplars[0];
  if (!pick)
    throw new Error(`no ${service} ${endpoint} requests in the last hour: run the demo first (--demo 90s)`);
  return pick.traceId;
}

function parseArgs(argv: string[]) {
  const args = { baseUrl: `http://localhost:${process.env.PORT || 3000}`, out: "docs/screenshots", demo: "" };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--base-url") args.baseUrl = value.replace(/\/+$/, "");
    else if (flag === "--out") args.out = value;
    else if (flag === "--demo") args.demo = value;
    else throw new Error(`unknown flag ${flag}; use --base-url URL, --out DIR, --demo DURATION`);
  }
  return args;
}

async function shoot(browser: Browser, site: Site, out: string): Promise<string[]> {
  const written: string[] = [];
  for (const theme of THEMES) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: theme,
      reducedMotion: "reduce",
    });
    const page = await context.newPage();
    for (const shot of PAGES) {
      await page.goto(`${site.baseUrl}${await shot.path(site)}`);
      await shot.ready(page).first().waitFor({ timeout: 20_000 });
      await settle(page);
      const file = path.join(out, `${shot.name}-${theme}.png`);
      await page.screenshot({ path: file });
      written.push(file);
    }
    await context.close();
  }
  return written;
}

/** Waits until the page stops fetching and chart animations have run. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  // recharts animates its first draw (~0.4 s) regardless of reduced motion; the picture is
  // cosmetic, so a fixed pause is enough here.
  await page.waitForTimeout(800);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const health = await fetch(`${args.baseUrl}/api/health`).catch(() => null);
  if (!health?.ok)
    throw new Error(`no Tracewell ready at ${args.baseUrl}: start it (npm start) or pass --base-url`);
  if (args.demo) {
    console.log(`Running the demo for ${args.demo} against ${args.baseUrl}…`);
    const run = await runDemo({
      target: args.baseUrl,
      databaseUrl: process.env.DEMO_DATABASE_URL ?? "",
      duration: args.demo,
      rate: 10,
      onLine: (line) => console.log(`  demo: ${line}`),
    });
    if (run.code !== 0) throw new Error(`the demo failed (exit ${run.code})`);
  }
  mkdirSync(args.out, { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const files = await shoot(browser, { baseUrl: args.baseUrl }, args.out);
    console.log(`Wrote ${files.join(", ")}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
