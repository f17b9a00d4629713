// npm run bench:query [-- --spans 1000000] [--metric-services 50 --metric-routes 4 --metric-interval 300]
//                     [--hours N] [--shuffled]
//                     [--metrics-only]   (skips the spans: a week of metrics in about a minute with
//                                         --metric-interval 900)
//                     [--keep]           (after the span timings, keeps the database and the server
//                                         running and prints their URLs, for EXPLAIN and the like,
//                                         until Ctrl-C; skips the metrics)
//
// Loads ≥ 1M spans (half of them requests: SERVER spans of 8 services × 10 endpoints, each with a
// CLIENT child) spread over the last hour through the real store (SpanStore: spans, traces and
// per-minute rollups), waits for the worker to analyse the loaded traces, then times, against a
// running Tracewell:
//   GET /api/endpoints (last hour, all services)     — merged from rollups
//   GET /api/endpoints/timeseries (one endpoint)     — merged from rollups
// and, in the same run, the exact answer PostgreSQL computes from the raw spans with
// percentile_cont, printing p50/p95 latencies and the ratio; then each trace search filter
// (GET /api/traces, bench/support/search-bench.ts) in a 1 h and a 24 h window.
// --hours N spreads the spans over the last N hours instead of one (e.g. --hours 24: a day of
// 1M spans, of which a 1 h window holds ~1/24).
// The spans arrive in time order, batch after batch through the window, as exporters send them
// (a BatchSpanProcessor exports what ended in the last seconds), so `traces` rows lie on disk in
// roughly the order of their start. --shuffled spreads every batch over the whole window instead:
// the worst case for a scan of the start index, whose every row is then on a different page.
// Then metrics: a week of cumulative duration histograms and request counters from 50 services
// (bench/support/metric-week.ts), and the metrics API over that week:
//   GET /api/metrics (7 days, all services)
//   GET /api/metrics/query p95 of http.server.request.duration, all services, 7 days (1 h steps)
//   … the same grouped by service.name; the counter's rate for one service
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { percentile, startBenchStack } from "@/bench/support/bench-stack";
import { loadMetricWeek } from "@/bench/support/metric-week";
import { SEARCH_FILTERS, searchWindows } from "@/bench/support/search-bench";
import { PoolDb, sql } from "@/lib/db/sql";
import type { ResourceRow } from "@/lib/ingest/shared/normalize-resource";
import type { SpanRow } from "@/lib/ingest/traces/span-row";
import { addSpanToSearchBloom, emptySearchBloom } from "@/lib/model/trace-search-bloom";
import { getEndpointSummaries } from "@/lib/queries/endpoints/get-endpoint-summaries";
import { tieredRollupRows, tierWindow } from "@/lib/rollups/rollup-tiers";
import { createSpanStore } from "@/lib/server/ingest-role";

const { values } = parseArgs({
  options: {
    spans: { type: "string", default: "1000000" },
    profile: { type: "boolean", default: false },
    "metric-services": { type: "string", default: "50" },
    "metric-routes": { type: "string", default: "4" },
    "metric-interval": { type: "string", default: "300" },
    hours: { type: "string", default: "1" },
    "search-runs": { type: "string", default: "20" },
    "metrics-only": { type: "boolean", default: false },
    shuffled: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const totalSpans = Number(values.spans);
const SERVICES = 8;
const ENDPOINTS = 10;
const HOUR_MS = 3_600_000;
const spreadMs = Number(values.hours) * HOUR_MS;

const stack = await startBenchStack();
const pool = new pg.Pool({ connectionString: stack.database.url, max: 4 });
const store = createSpanStore(pool);

const resources: ResourceRow[] = Array.from({ length: SERVICES }, (_, s) => ({
  id: BigInt(s + 1),
  serviceName: `service-${s}`,
  attributesJson: JSON.stringify({ "service.name": `service-${s}` }),
}));

/** Lognormal request durations with a median per endpoint, plus a slow tail. */
function durationNanos(endpoint: number): bigint {
  const median = 2 + endpoint * 15;
  const normal = Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
  const ms = median * Math.exp(0.5 * normal) * (Math.random() < 0.01 ? 20 : 1);
  return BigInt(Math.max(1, Math.round(ms * 1e6)));
}

function makeBatch(size: number, startMs: number, spreadMs: number): SpanRow[] {
  const rows: SpanRow[] = [];
  for (let i = 0; i < size; i += 2) {
    const s = Math.floor(Math.random() * SERVICES);
    const e = Math.floor(Math.random() * ENDPOINTS);
    const traceId = randomBytes(16);
    const serverId = randomBytes(8);
    const start = BigInt(Math.floor(startMs + Math.random() * spreadMs)) * 1_000_000n;
    const duration = durationNanos(e);
    const route = `/api/resource-${e}/{id}`;
    const base = {
      traceId,
      serviceName: `service-${s}`,
      statusMessage: null,
      traceState: null,
      flags: 1,
      resourceId: BigInt(s + 1),
      scopeName: "bench",
      scopeVersion: null,
      eventsJson: null,
      linksJson: null,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
      cacheResult: null,
      cacheSystem: null,
    };
    // ~2 % fail with 500; one request in 10,000 with 503, a rare value (~50 in an hour of 1M spans).
    const status = Math.random() < 0.02 ? 500 : Math.random() < 0.0001 ? 503 : 200;
    const serverAttributes = {
      "http.request.method": "GET",
      "http.route": route,
      "http.response.status_code": status,
    };
    const clientAttributes = { "db.system": "postgresql" };
    const searchBloom = emptySearchBloom();
    const searchTerms = new Set<number>();
    addSpanToSearchBloom(searchBloom, `GET ${route}`, `GET ${route}`, serverAttributes, searchTerms);
    addSpanToSearchBloom(searchBloom, "SELECT resources", null, clientAttributes, searchTerms);
    rows.push({
      ...base,
      startTimeUnixNano: start,
      spanId: serverId,
      parentSpanId: null,
      durationNano: duration,
      name: `GET ${route}`,
      kind: 2,
      statusCode: status >= 500 ? 2 : 0,
      attributesJson: JSON.stringify(serverAttributes),
      endpoint: `GET ${route}`,
      httpStatusCode: status,
      searchBloom,
      searchTerms,
    });
    rows.push({
      ...base,
      startTimeUnixNano: start + 1000n,
      spanId: randomBytes(8),
      parentSpanId: serverId,
      durationNano: duration / 2n,
      name: "SELECT resources",
      kind: 3,
      statusCode: 0,
      attributesJson: JSON.stringify(clientAttributes),
      endpoint: null,
      httpStatusCode: null,
      searchBloom,
      searchTerms,
    });
  }
  return rows;
}

async function time(label: string, runs: number, run: () => Promise<unknown>): Promise<number[]> {
  await run(); // warm caches and the JIT
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(64)} p50 ${percentile(samples, 0.5).toFixed(1).padStart(7)} ms   p95 ${percentile(samples, 0.95).toFixed(1).padStart(7)} ms   (${runs} runs)`,
  );
  return samples;
}

/** Spans over the window, then the endpoint, services and trace-search APIs over them. */
async function benchSpans(): Promise<void> {
  const now = Date.now();
  const from = now - spreadMs + 60_000;
  const batch = 10_000;
  console.log(
    `Loading ${totalSpans.toLocaleString("en-US")} spans over the last ${values.hours} h through SpanStore, ${values.shuffled ? "each batch spread over the whole window (--shuffled)" : "in time order"}…`,
  );
  const loadBegan = performance.now();
  const loadSpreadMs = spreadMs - 120_000;
  const slices = Math.ceil(totalSpans / batch);
  // Batch i's slice of the window: all of it with --shuffled, else its own stretch in time order.
  const slice = (i: number): [number, number] =>
    values.shuffled ? [from, loadSpreadMs] : [from + (loadSpreadMs * i) / slices, loadSpreadMs / slices];
  for (let loaded = 0; loaded < totalSpans; loaded += 2 * batch) {
    const i = loaded / batch;
    await Promise.all([
      store.write(makeBatch(batch, ...slice(i)), resources),
      store.write(makeBatch(batch, ...slice(i + 1)), resources),
    ]);
    process.stdout.write(`  ${Math.min(totalSpans, loaded + 2 * batch).toLocaleString("en-US")}\r`);
  }
  console.log(`Loaded in ${((performance.now() - loadBegan) / 1000).toFixed(1)} s.`);
  // The worker analyses every trace once it is quiet (ANALYSIS_QUIET_PERIOD): after a bulk load
  // of 500k traces that is minutes of work on the same two cores, which would land in the timings
  // below at random. In steady state the analysis keeps up with ingest, so wait for it.
  const analysisBegan = performance.now();
  for (;;) {
    const { rows } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM trace_analysis_queue");
    const pending = Number(rows[0]?.n ?? 0);
    process.stdout.write(`  analysis: ${pending.toLocaleString("en-US")} traces pending   \r`);
    if (pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  console.log(`Analysis caught up after ${((performance.now() - analysisBegan) / 1000).toFixed(1)} s.`);
  await pool.query("VACUUM ANALYZE");
  // What trace search reads: the trace summaries, table and indexes.
  const { rows: sizes } = await pool.query<{ n: string; heap: string; total: string }>(
    "SELECT count(*) AS n, pg_relation_size('traces') AS heap, pg_total_relation_size('traces') AS total FROM traces",
  );
  const size = sizes[0] ?? { n: "0", heap: "0", total: "0" };
  console.log(
    `traces: ${Number(size.n).toLocaleString("en-US")} rows, table ${(Number(size.heap) / 2 ** 20).toFixed(0)} MiB ` +
      `(${(Number(size.heap) / Math.max(1, Number(size.n))).toFixed(0)} bytes a trace), with indexes ${(Number(size.total) / 2 ** 20).toFixed(0)} MiB`,
  );

  const base = stack.server.baseUrl;
  const fetchOk = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    if (!response.ok)
      throw new Error(`${path}: HTTP ${response.status}\n${stack.server.output.slice(-20).join("\n")}`);
    return response.json();
  };
  const endpoint = encodeURIComponent("GET /api/resource-3/{id}");
  console.log("");
  const api = await time("GET /api/endpoints (last hour, all services)", 50, () => fetchOk("/api/endpoints"));
  if (values.profile) {
    process.env.DATABASE_URL = stack.database.url;
    const window = {
      from: Math.floor((Date.now() - HOUR_MS) / 60_000) * 60_000,
      to: Math.ceil(Date.now() / 60_000) * 60_000,
    };
    const db = new PoolDb(pool);
    await time("  in-process getEndpointSummaries (SQL + merge)", 30, () => getEndpointSummaries(db, window));
    const tiers = tierWindow(Math.floor(window.from / 60_000), Math.ceil(window.to / 60_000));
    const rows = tieredRollupRows(
      tiers,
      ["service_name", "endpoint", "request_count", "error_count", "latency_histogram"],
      sql`TRUE`,
    );
    await time("  its SQL alone (tiered rollup rows, binary histograms)", 30, () =>
      db.execute(
        sql`SELECT service_name, endpoint, request_count, error_count, array_send(latency_histogram) FROM ${rows} AS r`,
      ),
    );
  }
  await time("GET /api/endpoints/timeseries (one endpoint, 1 h)", 50, () =>
    fetchOk(`/api/endpoints/timeseries?service=service-3&endpoint=${endpoint}`),
  );
  await time("GET /api/services (last hour)", 20, () => fetchOk("/api/services"));
  const fromNanos = (BigInt(Date.now() - HOUR_MS) * 1_000_000n).toString();
  const exact = await time("exact: percentile_cont over raw spans (same window)", 5, () =>
    pool.query(
      `SELECT service_name, endpoint, count(*),
              percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY duration_nano)
       FROM spans WHERE start_time_unix_nano >= $1 AND endpoint IS NOT NULL
       GROUP BY service_name, endpoint`,
      [fromNanos],
    ),
  );
  const ratio = percentile(api, 0.95) / percentile(exact, 0.95);
  console.log("");
  console.log(`/api/endpoints p95 / exact query p95 = ${ratio.toFixed(3)}   (target ≤ 0.1, and ≤ 100 ms)`);

  console.log("");
  console.log("Trace search, GET /api/traces (target p95 ≤ 50 ms in 1 h, ≤ 200 ms in 24 h):");
  const searchRuns = Number(values["search-runs"]);
  for (const [windowLabel, windowFrom, windowTo] of searchWindows(Date.now())) {
    for (const [label, query] of SEARCH_FILTERS) {
      const path = `/api/traces?from=${windowFrom}&to=${windowTo}${query ? `&${query}` : ""}`;
      const first = (await fetchOk(path)) as { total: number; totalIsLowerBound: boolean };
      const matched = `${first.totalIsLowerBound ? ">" : ""}${first.total}`;
      await time(`  ${windowLabel.padEnd(5)} ${label} [${matched}]`, searchRuns, () => fetchOk(path));
    }
  }
}

async function benchMetrics(): Promise<void> {
  const base = stack.server.baseUrl;
  const fetchOk = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    if (!response.ok)
      throw new Error(`${path}: HTTP ${response.status}\n${stack.server.output.slice(-20).join("\n")}`);
    return response.json();
  };
  const metricServices = Number(values["metric-services"]);
  // The single-service queries pick one the load wrote (service-0 … service-N-1).
  const oneService = `service-${Math.min(3, metricServices - 1)}`;
  console.log("");
  console.log(
    `Loading a week of metrics from ${metricServices} services (${values["metric-routes"]} routes each, a point every ${values["metric-interval"]} s per series)…`,
  );
  const metricsBegan = performance.now();
  const week = await loadMetricWeek(pool, {
    services: metricServices,
    routes: Number(values["metric-routes"]),
    intervalS: Number(values["metric-interval"]),
  });
  console.log(
    `\nLoaded ${week.points.toLocaleString("en-US")} points of ${week.series} series in ${((performance.now() - metricsBegan) / 1000).toFixed(1)} s.`,
  );
  await pool.query("VACUUM ANALYZE metric_points");
  const weekRange = `from=${Date.now() - 7 * 86_400_000}&to=${Date.now()}`;
  await time("GET /api/metrics (7 days, all services)", 20, () => fetchOk(`/api/metrics?${weekRange}`));
  await time("GET /api/metrics/query p95 duration, 7 d, all", 10, () =>
    fetchOk(`/api/metrics/query?name=http.server.request.duration&stat=p95&${weekRange}`),
  );
  await time("  … grouped by service.name", 10, () =>
    fetchOk(
      `/api/metrics/query?name=http.server.request.duration&stat=p95&groupBy=service.name&${weekRange}`,
    ),
  );
  await time("  … one service, one route (endpoint page)", 20, () =>
    fetchOk(
      `/api/metrics/query?name=http.server.request.duration&stat=p95&service=${oneService}&filter=http.route=/api/resource-1/{id}&${weekRange}`,
    ),
  );
  await time("GET /api/metrics/query rate of a counter, 1 service, 7 d", 20, () =>
    fetchOk(`/api/metrics/query?name=http.server.requests&stat=rate&service=${oneService}&${weekRange}`),
  );
}

try {
  if (!values["metrics-only"]) await benchSpans();
  if (values.keep) {
    console.log(`\nKept (Ctrl-C ends): DATABASE_URL=${stack.database.url}  server ${stack.server.baseUrl}`);
    await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
  } else {
    await benchMetrics();
  }
} finally {
  await pool.end();
  await stack.stop();
}
