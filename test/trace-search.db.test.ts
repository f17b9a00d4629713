// Trace search (GET /api/traces) end to end: traces sent with the official exporter, every filter
// and several combinations compared — all pages, in order — with an exact reference PostgreSQL
// computes from the raw spans; paging without repeats; the 400s.
//
// Each of the 240 traces (i = 0…239) in a window of its own, three days back:
//
//   {method} {route}            gw SERVER        customer.id = "c{i%7}"; 500 + ERROR when i%17=0
//   └── GET /internal/orders    orders SERVER    (i%3 ≠ 2)
//       ├── SELECT orders       orders CLIENT    db.system=postgresql; ERROR when i%11=0
//       └── render              orders INTERNAL  feature.flag=true (i%5=0), retries=2 (i%4=0),
//                                                weight.kg=1.25 and big.number=1e21 (i%6=0)
//
// gw runs on host.name=gw-host, orders on host.name=orders-host (resource attributes).
// Every 40th trace lasts exactly 100 ms, so sort=duration has ties to break by trace id.
import { randomBytes } from "node:crypto";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type TraceSearchResponse, traceSearchResponseSchema } from "@/lib/contracts/trace-search-schema";
import {
  attributeMask,
  attributeTerm,
  nameMask,
  nameTerm,
  SEARCH_TERMS_MAX,
  SEARCH_TERMS_OVERFLOW,
  serviceTerm,
} from "@/lib/model/trace-search-bloom";
import { seededRandom } from "./support/random";
import { sendServices } from "./support/send-services";
import { makeExporter } from "./support/send-spans";

const { baseUrl, otlpHttpUrl, databaseUrl } = inject("tracewell");
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
afterAll(() => db.end());

const suffix = randomBytes(3).toString("hex");
const GW = `gw-${suffix}`;
const ORDERS = `orders-${suffix}`;
const TRACES = 240;
const HOUR = 3_600_000;
// A window nobody else's test data uses: three days back, at a random minute of that day.
const base = Math.floor((Date.now() - 3 * 86_400_000 - Math.random() * 12 * HOUR) / 1000) * 1000;
const from = base;
const to = base + HOUR;
const ROUTES = [
  ["GET", "/orders/{id}"],
  ["POST", "/checkout"],
  ["GET", "/health"],
] as const;

beforeAll(async () => {
  const rand = seededRandom(17);
  await sendServices(
    () => makeExporter("http/protobuf", otlpHttpUrl),
    [
      { "service.name": GW, "host.name": "gw-host" },
      { "service.name": ORDERS, "host.name": "orders-host" },
    ],
    ([gw, orders]) => {
      if (!gw || !orders) throw new Error("two tracers expected");
      for (let i = 0; i < TRACES; i++) {
        const [method, route] = ROUTES[i % 3] as readonly [string, string];
        const start = base + i * 14_000 + Math.floor(rand() * 1000);
        const duration = i % 40 === 0 ? 100 : 1 + rand() * 400;
        const failed = i % 17 === 0;
        const root = gw.startSpan(
          `${method} ${route}`,
          {
            kind: SpanKind.SERVER,
            startTime: start,
            attributes: {
              "http.request.method": method,
              "http.route": route,
              "http.response.status_code": failed ? 500 : 200,
              "customer.id": `c${i % 7}`,
            },
          },
          ROOT_CONTEXT,
        );
        if (failed) root.setStatus({ code: SpanStatusCode.ERROR });
        if (i % 3 !== 2) {
          const inner = orders.startSpan(
            "GET /internal/orders",
            {
              kind: SpanKind.SERVER,
              startTime: start + 1,
              attributes: { "http.request.method": "GET", "http.route": "/internal/orders" },
            },
            trace.setSpan(ROOT_CONTEXT, root),
          );
          const context = trace.setSpan(ROOT_CONTEXT, inner);
          const query = orders.startSpan(
            "SELECT orders",
            {
              kind: SpanKind.CLIENT,
              startTime: start + 2,
              attributes: {
                "db.system": "postgresql",
                "db.query.text": `SELECT * FROM orders WHERE id = ${i}`,
              },
            },
            context,
          );
          if (i % 11 === 0) query.setStatus({ code: SpanStatusCode.ERROR });
          query.end(start + 2 + duration / 3);
          const render = orders.startSpan(
            "render",
            {
              kind: SpanKind.INTERNAL,
              startTime: start + 3,
              attributes: {
                ...(i % 5 === 0 ? { "feature.flag": true } : {}),
                ...(i % 4 === 0 ? { retries: 2 } : {}),
                // A double, and one PostgreSQL prints without JavaScript's exponent (1e21).
                ...(i % 6 === 0 ? { "weight.kg": 1.25, "big.number": 1e21 } : {}),
              },
            },
            context,
          );
          render.end(start + 3 + duration / 4);
          inner.end(start + duration - 1);
        }
        root.end(start + duration);
      }
    },
  );
  // Ingest answers after commit, and the exporter after the answer: everything is stored.
  const stored = await db.query("SELECT count(*)::int AS n FROM traces WHERE $1 = ANY(services)", [GW]);
  expect(stored.rows[0].n).toBe(TRACES);
});

interface Query {
  service?: string;
  endpoint?: string;
  name?: string;
  attr?: string[];
  minDurationMs?: string;
  maxDurationMs?: string;
  status?: "error" | "ok";
  sort?: "start" | "duration" | "spans" | "errors";
}

function searchParams(query: Query, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams({ from: String(from), to: String(to), ...extra });
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else if (value !== undefined) params.set(key, String(value));
  }
  return params;
}

async function search(params: URLSearchParams): Promise<TraceSearchResponse> {
  const response = await fetch(`${baseUrl}/api/traces?${params}`);
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  return traceSearchResponseSchema.parse(body);
}

/** Every page, following nextCursor; fails on a repeated trace. */
async function allPages(query: Query, limit: number): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  do {
    const page: TraceSearchResponse = await search(
      searchParams(query, { limit: String(limit), ...(cursor ? { cursor } : {}) }),
    );
    expect(page.traces.length).toBeLessThanOrEqual(limit);
    ids.push(...page.traces.map((t) => t.traceId));
    totals.push(page.total);
    cursor = page.nextCursor;
  } while (cursor);
  expect(new Set(ids).size, "a trace appeared twice across pages").toBe(ids.length);
  return { ids, totals };
}

/** The exact answer from raw spans: trace bounds, errors and one-span matches, in PostgreSQL. */
async function reference(query: Query): Promise<string[]> {
  const values: unknown[] = [];
  const p = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const oneSpan: string[] = ["true"];
  const spanLevel = query.endpoint !== undefined || query.name !== undefined || (query.attr ?? []).length > 0;
  if (spanLevel && query.service) oneSpan.push(`s.service_name = ${p(query.service)}`);
  if (query.endpoint) oneSpan.push(`s.endpoint = ${p(query.endpoint)}`);
  if (query.name) oneSpan.push(`s.name = ${p(query.name)}`);
  for (const attr of query.attr ?? []) {
    const [key, value] = [attr.slice(0, attr.indexOf("=")), attr.slice(attr.indexOf("=") + 1)];
    oneSpan.push(`(s.attributes ->> ${p(key)} = ${p(value)} OR r.attributes ->> ${p(key)} = ${p(value)})`);
  }
  const having: string[] = [`bool_or(${oneSpan.join(" AND ")})`];
  if (!spanLevel && query.service) having.push(`bool_or(s.service_name = ${p(query.service)})`);
  const duration = "(max(s.start_time_unix_nano + s.duration_nano) - min(s.start_time_unix_nano))";
  if (query.minDurationMs) having.push(`${duration} >= ${p(query.minDurationMs)}::numeric * 1000000`);
  if (query.maxDurationMs) having.push(`${duration} <= ${p(query.maxDurationMs)}::numeric * 1000000`);
  if (query.status === "error") having.push("bool_or(s.status_code = 2)");
  if (query.status === "ok") having.push("NOT bool_or(s.status_code = 2)");
  const order = {
    start: "min(s.start_time_unix_nano)",
    duration,
    spans: "count(*)",
    errors: "count(*) FILTER (WHERE s.status_code = 2)",
  }[query.sort ?? "start"];
  const fromNs = BigInt(from) * 1_000_000n;
  const { rows } = await db.query<{ id: string }>(
    `SELECT encode(s.trace_id, 'hex') AS id
     FROM spans s JOIN resources r ON r.id = s.resource_id
     WHERE s.start_time_unix_nano BETWEEN ${p(fromNs.toString())} AND ${p((fromNs + 2n * 3_600_000_000_000n).toString())}
     GROUP BY s.trace_id
     HAVING min(s.start_time_unix_nano) < ${p((BigInt(to) * 1_000_000n).toString())}
        AND bool_or(s.service_name = ${p(GW)}) AND ${having.join(" AND ")}
     ORDER BY ${order} DESC, s.trace_id DESC`,
    values,
  );
  return rows.map((row) => row.id);
}

const cases: Array<[string, Query]> = [
  ["no filter, newest first", {}],
  ["sort=duration (ties broken by trace id)", { sort: "duration" }],
  ["sort=spans", { sort: "spans" }],
  ["sort=errors", { sort: "errors" }],
  ["minDurationMs with decimals", { minDurationMs: "150.5" }],
  ["maxDurationMs", { maxDurationMs: "100" }],
  ["min and max duration", { minDurationMs: "100", maxDurationMs: "200.25", sort: "duration" }],
  ["status=error", { status: "error" }],
  ["status=ok", { status: "ok" }],
  ["service alone (any span of the trace)", { service: ORDERS }],
  ["endpoint alone", { endpoint: "POST /checkout" }],
  ["service + endpoint on one span", { service: GW, endpoint: "GET /orders/{id}" }],
  [
    "service + another service's endpoint: no span has both",
    { service: GW, endpoint: "GET /internal/orders" },
  ],
  ["name", { name: "render" }],
  ["attr: string value", { attr: ["customer.id=c3"] }],
  ["attr: boolean value as text", { attr: ["feature.flag=true"] }],
  ["attr: number value as text", { attr: ["http.response.status_code=500"] }],
  ["attr: resource attribute", { attr: ["host.name=orders-host"] }],
  ["attr ×2 on one span", { attr: ["feature.flag=true", "retries=2"] }],
  ["attr: double value as text", { attr: ["weight.kg=1.25"] }],
  ["attr: a number PostgreSQL prints in full", { attr: ["big.number=1000000000000000000000"] }],
  [
    "name + endpoint of two different spans: no span has both",
    { name: "render", endpoint: "POST /checkout" },
  ],
  ["attr on one span of another service: no match", { service: ORDERS, attr: ["customer.id=c3"] }],
  [
    "name + resource attr + status + sort=duration",
    {
      name: "SELECT orders",
      attr: ["host.name=orders-host"],
      status: "error",
      sort: "duration",
    },
  ],
  ["service + attr + min duration", { service: GW, attr: ["customer.id=c1"], minDurationMs: "50" }],
  // A service with an endpoint: its traces are reached from its request spans (few in the window).
  ["service + a child span's endpoint", { service: ORDERS, endpoint: "GET /internal/orders" }],
  [
    "service + a child span's endpoint, sort=duration",
    { service: ORDERS, endpoint: "GET /internal/orders", sort: "duration" },
  ],
  ["service + endpoint, sort=spans", { service: GW, endpoint: "GET /orders/{id}", sort: "spans" }],
  [
    "service + endpoint + status + sort=duration",
    { service: GW, endpoint: "GET /orders/{id}", status: "error", sort: "duration" },
  ],
  [
    "service + endpoint + attr + min duration",
    { service: GW, endpoint: "POST /checkout", attr: ["customer.id=c1"], minDurationMs: "50" },
  ],
  [
    "service + endpoint + name of another span: no span has both",
    { service: ORDERS, endpoint: "GET /internal/orders", name: "render" },
  ],
];

describe("GET /api/traces", () => {
  it.each(cases)("%s: every page equals the exact reference from raw spans", async (label, query) => {
    const expected = await reference(query);
    // The data makes each case select some traces but not all (or none, where the label says so).
    if (label.includes(": no")) expect(expected).toEqual([]);
    else if (query.sort === undefined || Object.keys(query).length > 1)
      expect(expected.length).toBeGreaterThan(0);
    if (Object.keys(query).some((key) => key !== "sort")) expect(expected.length).toBeLessThan(TRACES);
    const { ids, totals } = await allPages({ ...query }, 7);
    // Only this file's traces lie in the window: the service filter is not needed to isolate them.
    expect(ids).toEqual(expected);
    for (const total of totals) expect(total).toBe(expected.length);
  });

  it("service + endpoint: the same answer when the window holds too many such requests to start from them", async () => {
    const queries: Query[] = [
      { service: GW, endpoint: "GET /orders/{id}" },
      { service: GW, endpoint: "POST /checkout", attr: ["customer.id=c1"], minDurationMs: "50" },
    ];
    // The rollups say how many requests the window holds: claim a million, and the search takes
    // the filtered scan of the window's traces instead (get-trace-summaries.ts).
    await db.query("UPDATE endpoint_ten_minutes SET request_count = 1000000 WHERE service_name = $1", [GW]);
    for (const query of queries) {
      const { ids } = await allPages(query, 7);
      expect(ids).toEqual(await reference(query));
      expect(ids.length).toBeGreaterThan(0);
    }
  });

  it("service + endpoint: finds a trace that starts in the window whose matching span starts at its end", async () => {
    // An orders request span starts 1 ms after its trace: end the window right there.
    const { rows } = await db.query<{ id: string; span_start: string }>(
      `SELECT encode(s.trace_id, 'hex') AS id, (s.start_time_unix_nano / 1000000)::text AS span_start
       FROM spans s WHERE s.service_name = $1 AND s.endpoint = 'GET /internal/orders'
         AND s.start_time_unix_nano >= $2 ORDER BY s.start_time_unix_nano LIMIT 1 OFFSET 20`,
      [ORDERS, (BigInt(from) * 1_000_000n).toString()],
    );
    const edge = rows[0];
    if (!edge) throw new Error("no orders request span");
    const page = await search(
      new URLSearchParams({
        service: ORDERS,
        endpoint: "GET /internal/orders",
        from: String(from),
        to: edge.span_start,
      }),
    );
    expect(page.traces[0]?.traceId).toBe(edge.id);
    expect(BigInt(page.traces[0]?.startTimeUnixNano ?? "0")).toBeLessThan(
      BigInt(edge.span_start) * 1_000_000n,
    );
  });

  it("distinguishes one-span matching from a trace-level match", async () => {
    // customer.id lives on gw spans only; orders spans never carry it.
    expect(await reference({ service: ORDERS, attr: ["customer.id=c3"] })).toEqual([]);
    expect((await reference({ attr: ["customer.id=c3"] })).length).toBeGreaterThan(10);
  });

  it("ingest writes each trace's search filter: what its spans carry is in it", async () => {
    const { rows } = await db.query<{ bloom: string | null; customer: string }>(
      `SELECT t.search_bloom::text AS bloom, s.attributes ->> 'customer.id' AS customer
       FROM traces t JOIN spans s ON s.trace_id = t.trace_id AND s.parent_span_id IS NULL
       WHERE $1 = ANY(t.services) AND s.start_time_unix_nano >= $2`,
      [GW, (BigInt(from) * 1_000_000n).toString()],
    );
    expect(rows).toHaveLength(TRACES);
    const has = (bits: string, mask: Uint8Array) =>
      [...mask].every((byte, i) =>
        [...Array(8).keys()].every((b) => (byte & (0x80 >>> b)) === 0 || bits[i * 8 + b] === "1"),
      );
    for (const row of rows) {
      expect(row.bloom).toMatch(/^[01]{512}$/);
      const bits = row.bloom as string;
      expect(has(bits, attributeMask("customer.id", row.customer) as Uint8Array)).toBe(true);
      expect(
        has(bits, nameMask("GET /orders/{id}")) ||
          has(bits, nameMask("POST /checkout")) ||
          has(bits, nameMask("GET /health")),
      ).toBe(true);
    }
  });

  it("finds traces stored before search filters existed (NULL filter: may match)", async () => {
    const expected = await reference({ attr: ["customer.id=c2"] });
    await db.query(
      `UPDATE traces SET search_bloom = NULL
       WHERE $1 = ANY(services) AND start_time_unix_nano >= $2 AND start_time_unix_nano < $3`,
      [GW, (BigInt(from) * 1_000_000n).toString(), (BigInt(from + HOUR / 2) * 1_000_000n).toString()],
    );
    const { ids } = await allPages({ attr: ["customer.id=c2"] }, 7);
    expect(ids).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
  });

  it("ingest writes each trace's search terms, merged over the services' separate exports", async () => {
    const { rows } = await db.query<{
      terms: number[] | null;
      customer: string;
      name: string;
      route: string;
      services: string[];
    }>(
      `SELECT t.search_terms AS terms, s.attributes ->> 'customer.id' AS customer, s.name,
              s.attributes ->> 'http.route' AS route, t.services
       FROM traces t JOIN spans s ON s.trace_id = t.trace_id AND s.parent_span_id IS NULL
       WHERE $1 = ANY(t.services) AND s.start_time_unix_nano >= $2`,
      [GW, (BigInt(from) * 1_000_000n).toString()],
    );
    expect(rows).toHaveLength(TRACES);
    let crossing = 0;
    for (const row of rows) {
      const terms = new Set(row.terms);
      expect(terms.size).toBe(row.terms?.length); // distinct
      expect(terms.has(serviceTerm(GW))).toBe(true);
      expect(terms.has(attributeTerm("customer.id", row.customer) as number)).toBe(true);
      expect(terms.has(nameTerm(row.name))).toBe(true);
      expect(terms.has(attributeTerm("http.route", row.route) as number)).toBe(true);
      // The orders service's spans came in its own exports: their terms were merged in by SQL.
      expect(terms.has(serviceTerm(ORDERS))).toBe(row.services.includes(ORDERS));
      expect(terms.has(nameTerm("render"))).toBe(row.services.includes(ORDERS));
      expect(terms.has(attributeTerm("db.system", "postgresql") as number)).toBe(
        row.services.includes(ORDERS),
      );
      if (row.services.includes(ORDERS)) crossing++;
      expect(terms.has(SEARCH_TERMS_OVERFLOW)).toBe(false);
    }
    expect(crossing).toBe(160);
  });

  it("finds traces stored before search terms existed (NULL terms: the filter alone)", async () => {
    const queries: Query[] = [
      { attr: ["customer.id=c2"] },
      { service: GW, attr: ["customer.id=c4"], minDurationMs: "50", sort: "duration" },
      { service: ORDERS },
    ];
    const expected = await Promise.all(queries.map((query) => reference(query)));
    await db.query(
      `UPDATE traces SET search_terms = NULL
       WHERE $1 = ANY(services) AND start_time_unix_nano >= $2 AND start_time_unix_nano < $3`,
      [GW, (BigInt(from + HOUR / 2) * 1_000_000n).toString(), (BigInt(to) * 1_000_000n).toString()],
    );
    for (const [i, query] of queries.entries()) {
      const { ids } = await allPages(query, 7);
      expect(ids).toEqual(expected[i]);
      expect(ids.length).toBeGreaterThan(5);
    }
  });

  it("finds traces whose terms overflowed (the overflow term: may hold any)", async () => {
    const queries: Query[] = [
      { attr: ["customer.id=c5"] },
      { service: GW, attr: ["customer.id=c6"], minDurationMs: "50", sort: "duration" },
      { service: ORDERS, name: "render" },
    ];
    const expected = await Promise.all(queries.map((query) => reference(query)));
    await db.query(
      `UPDATE traces SET search_terms = ARRAY[${SEARCH_TERMS_OVERFLOW}]
       WHERE $1 = ANY(services) AND start_time_unix_nano >= $2 AND start_time_unix_nano < $3`,
      [GW, (BigInt(from) * 1_000_000n).toString(), (BigInt(from + HOUR / 3) * 1_000_000n).toString()],
    );
    for (const [i, query] of queries.entries()) {
      const { ids } = await allPages(query, 7);
      expect(ids).toEqual(expected[i]);
      expect(ids.length).toBeGreaterThan(5);
    }
  });

  it(`a trace of more than ${SEARCH_TERMS_MAX} distinct terms keeps only the overflow term, and is found`, async () => {
    // Before the window: two traces whose spans carry 100 distinct values each. One has six such
    // spans in one export (overflows at ingest); the other three in each of two services' exports
    // (300 terms each: the SQL merge overflows).
    const service = (name: string) => `${name}-${suffix}`;
    const start = from - 2 * HOUR;
    const ids: string[] = [];
    await sendServices(
      () => makeExporter("http/protobuf", otlpHttpUrl),
      [{ "service.name": service("wide-a") }, { "service.name": service("wide-b") }],
      ([a, b]) => {
        if (!a || !b) throw new Error("two tracers expected");
        for (const split of [false, true]) {
          const root = a.startSpan("GET /wide", { kind: SpanKind.SERVER, startTime: start }, ROOT_CONTEXT);
          ids.push(root.spanContext().traceId);
          for (let n = 0; n < 6; n++) {
            const attributes: Record<string, string> = { "wide.case": split ? "split" : "one" };
            for (let k = 0; k < 100; k++) attributes[`wide.${k}`] = `${split}-${n}-${k}`;
            const tracer = split && n >= 3 ? b : a;
            tracer
              .startSpan(`part ${n}`, { startTime: start + n, attributes }, trace.setSpan(ROOT_CONTEXT, root))
              .end(start + n + 1);
          }
          root.end(start + 10);
        }
      },
    );
    const { rows } = await db.query<{ id: string; terms: number[] }>(
      `SELECT encode(trace_id, 'hex') AS id, search_terms AS terms FROM traces WHERE trace_id = ANY($1::bytea[])`,
      [ids.map((id) => Buffer.from(id, "hex"))],
    );
    expect(rows.map((row) => row.terms)).toEqual([[SEARCH_TERMS_OVERFLOW], [SEARCH_TERMS_OVERFLOW]]);
    const window = { from: String(start - 1000), to: String(start + 1000) };
    for (const [i, split] of ["one", "split"].entries()) {
      const found = await search(
        new URLSearchParams([
          ...Object.entries(window),
          ["service", service(i === 1 ? "wide-b" : "wide-a")],
          ["attr", `wide.${42}=${i === 1}-4-42`],
          ["attr", `wide.case=${split}`],
        ]),
      );
      expect(found.traces.map((t) => t.traceId)).toEqual([ids[i]]);
    }
  });

  it("sort=duration&limit=10 is the true ten longest traces of the window", async () => {
    const expected = (await reference({ sort: "duration" })).slice(0, 10);
    const page = await search(searchParams({ sort: "duration" }, { limit: "10" }));
    expect(page.traces.map((t) => t.traceId)).toEqual(expected);
    expect(page.total).toBe(TRACES);
    expect(page.totalIsLowerBound).toBe(false);
    const durations = page.traces.map((t) => t.durationMs);
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
  });

  it("answers the documented shape: root, endpoint, services, exact start, trace duration", async () => {
    const page = await search(searchParams({ attr: ["customer.id=c0"] }, { limit: "1000" }));
    const first = page.traces.at(-1);
    expect(first).toBeDefined();
    const { rows } = await db.query<{ start: string; end_ns: string }>(
      `SELECT min(start_time_unix_nano)::text AS start, max(start_time_unix_nano + duration_nano)::text AS end_ns
       FROM spans WHERE trace_id = decode($1, 'hex')`,
      [first?.traceId],
    );
    expect(first).toMatchObject({
      rootService: GW,
      rootName: "GET /orders/{id}",
      endpoint: "GET /orders/{id}",
      startTimeUnixNano: rows[0]?.start,
      durationMs: Number(BigInt(rows[0]?.end_ns ?? 0) - BigInt(rows[0]?.start ?? 0)) / 1e6,
      spanCount: 4,
      errorCount: 2, // i = 0: the root and the query both fail
    });
    expect(first?.services.sort()).toEqual([GW, ORDERS].sort());
    expect(page.nextCursor).toBeNull();
  });

  it.each([
    ["limit=0", "limit must be a whole number from 1 to 1000"],
    ["limit=1001", "limit must be a whole number from 1 to 1000"],
    ["limit=abc", "limit must be a whole number from 1 to 1000"],
    ["minDurationMs=-1", 'minDurationMs="-1" is not a duration'],
    ["maxDurationMs=1e3", 'maxDurationMs="1e3" is not a duration'],
    ["minDurationMs=5&maxDurationMs=1", "minDurationMs must not exceed maxDurationMs"],
    ["status=failed", 'status="failed" is not valid'],
    ["sort=name", 'sort="name" is not valid'],
    ["from=yesterday", 'from="yesterday" is not a time'],
    ["from=2000&to=1000", "from must be before to"],
    ["from=0&to=9000000000000", "the window may span at most 90 days"],
    ["attr=novalue", 'attr="novalue" is not a filter'],
    ["attr=%3Dx", 'attr="=x" is not a filter'],
    ["cursor=nonsense", "cursor is not one this API returned"],
    ["service=", "service is empty"],
    ["service=a&service=b", "give service at most once"],
    ["colour=red", 'unknown parameter "colour"'],
  ])("400 for %s", async (query, message) => {
    const response = await fetch(`${baseUrl}/api/traces?${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(message);
  });

  it("400 for a cursor from another sort", async () => {
    const page = await search(searchParams({ sort: "duration" }, { limit: "5" }));
    expect(page.nextCursor).not.toBeNull();
    const response = await fetch(
      `${baseUrl}/api/traces?${searchParams({ sort: "start" }, { cursor: page.nextCursor ?? "" })}`,
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain("cursor belongs to sort=duration");
  });
});
