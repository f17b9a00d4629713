// `npm run demo` end to end: the shop runs for ten seconds against the test Tracewell, then
// every exhibit of docs/demo.md must be visible through the HTTP API — the services and their
// endpoints, the N+1 trace's repeated queries, a cache hit ratio strictly between 0 and 1,
// errors, CONSUMER spans of the fulfilment job, two versions of pricing, and Insights flagging the
// N+1, sequential-calls and cache exhibits (not their twins) at the default thresholds. Then the README's
// screenshot script runs against the same data (into a temp dir), as it must in CI.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { endpointsResponseSchema, exemplarsResponseSchema } from "@/lib/contracts/endpoint-schemas";
import { insightsResponseSchema } from "@/lib/contracts/insight-schemas";
import { traceResponseSchema } from "@/lib/contracts/trace-schema";
import { runDemo } from "./support/demo-process";
import { eventually } from "./support/eventually";

const { baseUrl, otlpHttpUrl, databaseUrl } = inject("tracewell");
const from = Date.now() - 60_000;
const window = () => `from=${from}&to=${Date.now() + 60_000}`;

// The shop's own database, next to the test Tracewell's on the same server; the demo creates it.
const shopDatabaseUrl = new URL(databaseUrl);
shopDatabaseUrl.pathname = `${shopDatabaseUrl.pathname}_shop`;
let demoOutput: string[] = [];
let demoExit: number | null = null;

beforeAll(async () => {
  const run = await runDemo({
    target: otlpHttpUrl,
    databaseUrl: shopDatabaseUrl.toString(),
    duration: "10s",
    rate: 12,
  });
  demoOutput = run.output;
  demoExit = run.code;
}, 90_000);
afterAll(async () => {
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${shopDatabaseUrl.pathname.slice(1)}" WITH (FORCE)`);
  await client.end();
});

async function getJson<T>(path: string, schema: { parse(value: unknown): T }): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  return schema.parse(await response.json());
}

const endpoints = () =>
  getJson(`/api/endpoints?${window()}`, endpointsResponseSchema).then((r) => r.endpoints);
const endpointOf = async (service: string, endpoint: string) => {
  const found = (await endpoints()).find((row) => row.service === service && row.endpoint === endpoint);
  if (!found) throw new Error(`${service} ${endpoint} not (yet) listed`);
  return found;
};
const tracesOf = async (service: string, endpoint: string, limit = 10) => {
  const query = new URLSearchParams({ service, endpoint, limit: String(limit) });
  const { exemplars } = await getJson(
    `/api/endpoints/exemplars?${query}&${window()}`,
    exemplarsResponseSchema,
  );
  return exemplars;
};
const trace = (traceId: string) => getJson(`/api/traces/${traceId}`, traceResponseSchema);

describe("npm run demo", () => {
  it("exits cleanly after --duration, reporting requests and exported spans", () => {
    expect(demoExit, demoOutput.join("\n")).toBe(0);
    const done = demoOutput.find((line) => line.startsWith("Done:"));
    expect(done, demoOutput.join("\n")).toMatch(
      /Done: [1-9]\d* requests sent, \d+ errors, [1-9]\d* spans exported/,
    );
  });

  it("shows four services and every exhibit's endpoint and its twin", async () => {
    const expected = [
      ["frontend", "GET /products/:sku"],
      ["frontend", "GET /products/:sku/parallel"],
      ["frontend", "POST /checkout"],
      ["orders", "GET /customers/:id/orders/n-plus-one"],
      ["orders", "GET /customers/:id/orders"],
      ["orders", "GET /orders/search"],
      ["orders", "GET /orders/search-indexed"],
      ["orders", "fulfilment process"],
      ["inventory", "GET /stock/:sku"],
      ["pricing", "GET /prices/:sku"],
    ];
    await eventually(async () => {
      const listed = new Set((await endpoints()).map((row) => `${row.service} ${row.endpoint}`));
      expect(expected.filter(([service, endpoint]) => !listed.has(`${service} ${endpoint}`))).toEqual([]);
    });
  });

  it("the N+1 endpoint's trace repeats the items query once per order; its twin runs it once", async () => {
    const countItemQueries = async (endpoint: string) => {
      const [slowest] = await tracesOf("orders", endpoint, 1);
      if (!slowest) throw new Error(`no ${endpoint} request yet`);
      const { spans } = await trace(slowest.traceId);
      return spans.filter(
        (span) =>
          span.kind === "CLIENT" &&
          String(span.attributes["db.query.text"] ?? "").includes("FROM order_items"),
      ).length;
    };
    const nPlusOne = await eventually(() => countItemQueries("GET /customers/:id/orders/n-plus-one"));
    const batched = await eventually(() => countItemQueries("GET /customers/:id/orders"));
    expect(nPlusOne).toBeGreaterThanOrEqual(5); // one per order (customers have ~50, the page shows 20)
    expect(batched).toBe(1);
  });

  it("the inventory cache hits some lookups and misses others", async () => {
    await eventually(async () => {
      const stock = await endpointOf("inventory", "GET /stock/:sku");
      expect(stock.cacheLookups).toBeGreaterThan(0);
      expect(stock.cacheHitRatio).toBeGreaterThan(0);
      expect(stock.cacheHitRatio).toBeLessThan(1);
    });
  });

  it("shows errors", async () => {
    await eventually(async () => {
      const errors = (await endpoints())
        .filter((row) => ["frontend", "orders", "inventory", "pricing"].includes(row.service))
        .reduce((sum, row) => sum + row.errorCount, 0);
      expect(errors).toBeGreaterThan(0);
    });
  });

  it("the fulfilment job runs as CONSUMER spans in the checkout's trace", async () => {
    const { spans } = await eventually(async () => {
      const [job] = await tracesOf("orders", "fulfilment process", 1);
      if (!job) throw new Error("no fulfilment job yet");
      return trace(job.traceId);
    });
    expect(spans.filter((span) => span.kind === "CONSUMER").map((span) => span.name)).toEqual([
      "fulfilment process",
    ]);
    expect(spans.some((span) => span.kind === "PRODUCER")).toBe(true);
    expect(spans.some((span) => span.kind === "SERVER" && span.service === "frontend")).toBe(true);
  });

  it("runs two versions of pricing", async () => {
    const versions = new Set<unknown>();
    for (const endpoint of ["GET /quote", "GET /prices/:sku"]) {
      for (const exemplar of await eventually(() => tracesOf("pricing", endpoint, 40))) {
        const { spans } = await trace(exemplar.traceId);
        for (const span of spans)
          if (span.service === "pricing") versions.add(span.resource["service.version"]);
        if (versions.size >= 2) break;
      }
    }
    expect([...versions].sort()).toEqual(["1.4.0", "1.5.0"]);
  });

  it("Insights flags the N+1, sequential-calls and cache exhibits at the default thresholds; their twins are not", async () => {
    // The test Tracewell runs with the default thresholds (5 calls / 50 ms, 100 ms and 10 %).
    const flagged = async () => {
      const { findings } = await getJson(`/api/insights?limit=200&${window()}`, insightsResponseSchema);
      return new Set(findings.map((f) => `${f.kind} ${f.service} ${f.endpoint}`));
    };
    const exhibits = [
      "n_plus_one orders GET /customers/:id/orders/n-plus-one",
      "sequential_calls frontend GET /products/:sku",
      "cache_miss_cost inventory GET /stock/:sku",
    ];
    // analysis runs once each trace has been quiet for ANALYSIS_QUIET_PERIOD (2 s)
    const found = await eventually(async () => {
      const kinds = await flagged();
      expect(exhibits.filter((exhibit) => !kinds.has(exhibit))).toEqual([]);
      return kinds;
    }, 60_000);
    // Each twin is not flagged for its exhibit's problem, and the parallel twin (the same four
    // calls at once) for none of them. The batched twin's two queries depend on each other (the
    // items query takes the order ids, `= ANY($1)`): never sequential calls, however slow.
    const twins = [
      ["n_plus_one", "orders", "GET /customers/:id/orders"],
      ["sequential_calls", "orders", "GET /customers/:id/orders"],
      ["n_plus_one", "frontend", "GET /account/:customerId/orders/batched"],
      ...["n_plus_one", "sequential_calls", "cache_miss_cost"].map((kind) => [
        kind,
        "frontend",
        "GET /products/:sku/parallel",
      ]),
    ];
    expect(twins.map((twin) => twin.join(" ")).filter((twin) => found.has(twin))).toEqual([]);
    // the cache exhibit is the only endpoint whose misses are flagged: the shop has no other cache
    // (other test files' services share this Tracewell and this window: the shop's only)
    const shop = new Set(["frontend", "orders", "inventory", "pricing"]);
    const shopFindings = [...found].filter((finding) => shop.has(finding.split(" ")[1] ?? ""));
    expect(shopFindings.filter((finding) => finding.startsWith("cache_miss_cost"))).toEqual([
      "cache_miss_cost inventory GET /stock/:sku",
    ]);
  }, 90_000);

  it("npm run screenshots shoots every page in light and dark from the demo's data", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "tracewell-screenshots-"));
    try {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "scripts/screenshots.ts", "--base-url", baseUrl, "--out", out],
        {
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      const code = await new Promise((resolve) => child.once("exit", resolve));
      expect(code, output).toBe(0);
      const files = readdirSync(out).sort();
      expect(files).toEqual(
        ["endpoint", "insights", "overview", "search", "trace"].flatMap((page) => [
          `${page}-dark.png`,
          `${page}-light.png`,
        ]),
      );
      for (const file of files) {
        expect(readFileSync(path.join(out, file)).subarray(1, 4).toString("latin1"), file).toBe("PNG");
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 90_000);
});
