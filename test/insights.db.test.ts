// Insights end to end with real instrumentation: a service traced by the official Node SDK
// (http, undici, express, pg; test/fixtures/insights-service.cjs) serves one endpoint per detector
// case and its negative twin; after the traces are analysed, GET /api/insights must flag exactly
// the bad ones, with evidence (example trace, offending span ids, time to save).
//
//   GET /orders/n-plus-one  SERVER
//   └── request handler     INTERNAL (express)
//       ├── pg-pool.connect  ┐
//       └── pg.query:SELECT  ┘ × 6  → n_plus_one      twins: /orders/four (4 ×), /orders/batched (1 ×)
//   GET /products/sequential → GET /stock, then GET /price (undici CLIENT) → sequential_calls
//                                                      twin: /products/parallel (Promise.all)
//   GET /orders/search → SELECT pg_sleep(0.6)        → slow_query (its p95 over the window > 500 ms)
//       twins: /orders/report (p95 300 ms: a near miss), /orders/lookup (1 slow call of 20: p95 low)
//   GET /stock/:sku → cache get (cache.hit), on a miss SELECT pg_sleep(0.1) → cache_miss_cost
//       twin: /prices/:sku, whose misses are not slower than its hits (a near miss that says so)
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Insight, insightsResponseSchema } from "@/lib/contracts/insight-schemas";
import { traceResponseSchema } from "@/lib/contracts/trace-schema";
import { eventually } from "./support/eventually";

const { baseUrl, otlpHttpUrl, databaseUrl } = inject("tracewell");
const service = `insights-${randomBytes(3).toString("hex")}`;
const from = Date.now() - 60_000;
let child: ChildProcess;

async function startService(): Promise<string> {
  child = spawn(process.execPath, ["test/fixtures/insights-service.cjs"], {
    env: {
      ...process.env,
      INSIGHTS_SERVICE_NAME: service,
      INSIGHTS_OTLP_TARGET: otlpHttpUrl,
      INSIGHTS_DATABASE_URL: databaseUrl,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`insights service exited with ${code}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      const port = /listening (\d+)/.exec(chunk.toString())?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
  });
}

beforeAll(async () => {
  const url = await startService();
  const paths = [
    "/orders/n-plus-one",
    "/orders/four",
    "/orders/batched",
    "/orders/search",
    "/orders/report",
    "/products/sequential",
    "/products/parallel",
  ];
  for (let round = 0; round < 2; round++) {
    const cached = [
      `/stock/${2 * round}`,
      `/stock/${2 * round + 1}`,
      `/prices/${2 * round}`,
      `/prices/${2 * round + 1}`,
    ];
    for (const path of [...paths, ...cached]) {
      expect((await fetch(`${url}${path}`)).status, path).toBe(200);
    }
  }
  for (let request = 0; request < 20; request++) {
    expect((await fetch(`${url}/orders/lookup${request === 0 ? "?slow=1" : ""}`)).status).toBe(200);
  }
  child.removeAllListeners("exit");
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
}, 60_000);
afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
});

const insights = async (query = "") => {
  const response = await fetch(
    `${baseUrl}/api/insights?service=${service}&from=${from}&to=${Date.now() + 60_000}${query}`,
  );
  expect(response.status).toBe(200);
  return insightsResponseSchema.parse(await response.json()).findings;
};
/** the whole answer for one endpoint (near misses included) */
const endpointInsights = async (endpoint: string) => {
  const response = await fetch(
    `${baseUrl}/api/insights?service=${service}&endpoint=${endpoint}&from=${from}&to=${Date.now() + 60_000}`,
  );
  expect(response.status).toBe(200);
  return insightsResponseSchema.parse(await response.json());
};
/** Once analysed: an endpoint with no finding and exactly one near miss, which it returns. */
const onlyNearMiss = (endpoint: string) =>
  eventually(async () => {
    const body = await endpointInsights(endpoint);
    expect(body.findings).toEqual([]);
    expect(body.nearMisses).toHaveLength(1);
    return body.nearMisses[0];
  }, 60_000);
const summary = (findings: Insight[]) => findings.map((f) => `${f.kind} ${f.endpoint}`).sort();

describe("GET /api/insights", () => {
  it("flags the N+1, the sequential calls and the slow query, never their twins", async () => {
    const findings = await eventually(async () => {
      const found = await insights();
      expect(summary(found)).toEqual([
        "cache_miss_cost GET /stock/:sku",
        "n_plus_one GET /orders/n-plus-one",
        "sequential_calls GET /products/sequential",
        "slow_query GET /orders/search",
      ]);
      return found;
    }, 60_000);
    for (const finding of findings.filter((f) => f.kind !== "cache_miss_cost")) {
      expect(finding.requests, finding.kind).toBe(2);
      expect(finding.endpointRequests, finding.kind).toBe(2);
      expect(finding.share).toBe(1);
      expect(finding.totalTimeSavedMs).toBeCloseTo(finding.timeSavedMs * 2, 6);
      expect(finding.examples).toHaveLength(2);
    }
    const ranked = findings.map((f) => f.totalTimeSavedMs);
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a));

    const nPlusOne = findings.find((f) => f.kind === "n_plus_one") as Insight;
    expect(nPlusOne.key).toBe("SELECT pg_sleep(?), ?::int AS id");
    expect(nPlusOne.maxCount).toBe(6);
    expect(nPlusOne.timeSavedMs).toBeGreaterThanOrEqual(5 * 12);
    const sequential = findings.find((f) => f.kind === "sequential_calls") as Insight;
    expect(sequential.maxCount).toBe(2);
    expect(sequential.key).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/stock \| GET http:\/\/127\.0\.0\.1:\d+\/price$/,
    );
    expect(sequential.timeSavedMs).toBeGreaterThanOrEqual(200);
    const slow = findings.find((f) => f.kind === "slow_query") as Insight;
    expect(slow.key).toBe("SELECT pg_sleep(?) AS slow_search");
    expect(slow.timeSavedMs).toBeGreaterThanOrEqual(100);
    // judged over the window: every call of the statement, its p95 and its share of the endpoint's time
    expect(slow.statement).toMatchObject({ calls: 2, requests: 2 });
    expect(slow.statement?.p95Ms).toBeGreaterThanOrEqual(600 * 0.985);
    expect(slow.statement?.totalMs).toBeGreaterThanOrEqual(1200);
    expect(slow.statement?.endpointTimeShare).toBeGreaterThan(0.8);
    expect(slow.statement?.endpointTimeShare).toBeLessThanOrEqual(1);
  });

  it("judges a statement by its p95: one 0.6 s call among forty is no slow query", async () => {
    const body = await eventually(async () => {
      const parsed = await endpointInsights("GET%20/orders/lookup");
      expect(parsed.findings).toEqual([]);
      // the analyser has seen the slow call (a shape feature of the request above the endpoint's
      // p95), and since there is no finding it has seen at least ten requests' calls (with fewer,
      // the 0.6 s call would be the statement's p95)
      const outliers = await fetch(
        `${baseUrl}/api/endpoints/outliers?service=${service}&endpoint=GET%20/orders/lookup&from=${from}&to=${Date.now() + 60_000}`,
      );
      expect((await outliers.json()).attributes).toContainEqual(
        expect.objectContaining({ source: "shape", key: "insight", value: "slow_query", slowCount: 1 }),
      );
      return parsed;
    }, 60_000);
    expect(body.findings).toEqual([]);
    expect(body.nearMisses).toEqual([]);
  });

  it("explains a slow query's near miss: a p95 over half the threshold", async () => {
    const nearMiss = await onlyNearMiss("GET%20/orders/report");
    expect(nearMiss).toMatchObject({
      kind: "slow_query",
      key: "SELECT pg_sleep(?) AS report",
      requests: 2,
    });
    expect(nearMiss?.reason).toMatch(/^p95 3\d\d\.\d ms over 2 calls: below the threshold of 500 ms$/);
    expect(nearMiss?.examples[0]?.spanIds).toHaveLength(1);
  });

  it("says why cache misses that cost nothing are not flagged", async () => {
    const nearMiss = await onlyNearMiss("GET%20/prices/:sku");
    expect(nearMiss).toMatchObject({ kind: "cache_miss_cost", requests: 2 });
    expect(nearMiss?.reason).toMatch(
      /^requests that missed the cache are not slower than those that only hit/,
    );
    expect(nearMiss?.examples).toHaveLength(2);
  });

  it("prices the cache misses: missed requests against hit-only ones, from the cache rollups", async () => {
    const [cache, ...others] = await insights("&endpoint=GET%20/stock/:sku");
    expect(others).toEqual([]);
    expect(cache).toMatchObject({ kind: "cache_miss_cost", requests: 2, endpointRequests: 4, share: 0.5 });
    expect(cache?.cache?.missedP50Ms).toBeGreaterThanOrEqual(90);
    expect(cache?.timeSavedMs).toBeGreaterThanOrEqual(80);
    expect(cache?.totalTimeSavedMs).toBeCloseTo((cache?.timeSavedMs ?? 0) * 2, 6);
    expect(cache?.examples).toHaveLength(2);
  });

  it("each example names a trace whose offending spans are the repeated queries", async () => {
    const [nPlusOne] = await insights("&endpoint=GET%20/orders/n-plus-one");
    const example = nPlusOne?.examples[0];
    if (!example) throw new Error("no example");
    const { spans } = traceResponseSchema.parse(
      await (await fetch(`${baseUrl}/api/traces/${example.traceId}`)).json(),
    );
    const offending = spans.filter((span) => example.spanIds.includes(span.spanId));
    expect(offending).toHaveLength(6);
    for (const span of offending) {
      expect(span.kind).toBe("CLIENT");
      expect(span.attributes["db.query.text"]).toBe("SELECT pg_sleep(0.012), $1::int AS id");
    }
    // the pool's connect spans sit between them, under the same parent, and did not hide the N+1
    const parents = new Set(offending.map((span) => span.parentSpanId));
    expect(parents.size).toBe(1);
    expect(
      spans.filter((span) => span.name === "pg-pool.connect" && parents.has(span.parentSpanId)),
    ).toHaveLength(6);
  });

  it("explains the near miss of the 4 identical queries on the endpoint, and lists none elsewhere", async () => {
    const response = await fetch(
      `${baseUrl}/api/insights?service=${service}&endpoint=GET%20/orders/four&from=${from}&to=${Date.now() + 60_000}`,
    );
    const body = insightsResponseSchema.parse(await response.json());
    expect(body.findings).toEqual([]);
    expect(body.nearMisses).toMatchObject([
      {
        kind: "n_plus_one",
        key: "SELECT pg_sleep(?), ?::int AS id",
        requests: 2,
        reason: "4 repeated calls: below the threshold of 5",
      },
    ]);
    expect(body.nearMisses[0]?.examples[0]?.spanIds).toHaveLength(4);
    const all = await fetch(
      `${baseUrl}/api/insights?service=${service}&from=${from}&to=${Date.now() + 60_000}`,
    );
    expect(insightsResponseSchema.parse(await all.json()).nearMisses).toEqual([]);
  });

  it("filters by endpoint and refuses an endpoint without a service", async () => {
    expect(summary(await insights("&endpoint=GET%20/orders/four"))).toEqual([]);
    const response = await fetch(`${baseUrl}/api/insights?endpoint=GET%20/x`);
    expect(response.status).toBe(400);
  });
});
