// The detectors on small traces drawn as trees. Spans are built the way the official Node
// instrumentations record them (pg: `pg-pool.connect` + `pg.query:SELECT …` with db.query.text;
// undici: CLIENT spans with url.full; express: a `request handler` INTERNAL span under SERVER).
import { describe, expect, it } from "vitest";
import { detectFindings } from "@/lib/analysis/insights/detect-findings";
import type { InsightThresholds } from "@/lib/analysis/insights/finding";
import { DEFAULT_THRESHOLDS } from "@/lib/analysis/insights/finding";
import { callKeyOf, normalizeStatement } from "@/lib/analysis/insights/normalize-statement";
import type { AnalysisSpan } from "@/lib/analysis/trace-analyzer";
import type { Attributes } from "@/lib/model/attribute-value";
import { Histogram } from "@/lib/rollups/latency-histogram";
import { clientCallOf } from "@/lib/semconv/client-call";

const SERVER = 2;
const CLIENT = 3;
const INTERNAL = 1;
const ms = (n: number) => BigInt(Math.round(n * 1_000_000));
const id = (name: string) => Buffer.from(name.padEnd(8, "_").slice(0, 8), "latin1");

function span(
  name: string,
  parent: string | null,
  startMs: number,
  durationMs: number,
  extra: { kind?: number; endpoint?: string; attributes?: Attributes; spanName?: string } = {},
): AnalysisSpan {
  return {
    spanId: id(name),
    parentSpanId: parent === null ? null : id(parent),
    serviceName: "orders",
    name: extra.spanName ?? name,
    kind: extra.kind ?? INTERNAL,
    statusCode: 0,
    endpoint: extra.endpoint ?? null,
    cacheResult: null,
    startTimeUnixNano: ms(1_000 + startMs),
    durationNano: ms(durationMs),
    attributes: extra.attributes ?? {},
  };
}
const server = (name: string, durationMs: number) =>
  span(name, null, 0, durationMs, { kind: SERVER, endpoint: "GET /customers/:id/orders" });
const query = (name: string, parent: string, startMs: number, durationMs: number, text: string) =>
  span(name, parent, startMs, durationMs, {
    kind: CLIENT,
    attributes: { "db.system.name": "postgresql", "db.query.text": text },
  });
const connect = (name: string, parent: string, startMs: number) =>
  span(name, parent, startMs, 0.2, {
    attributes: { "db.system": "postgresql" },
    spanName: "pg-pool.connect",
  });
const fetchCall = (name: string, parent: string, startMs: number, durationMs: number, url: string) =>
  span(name, parent, startMs, durationMs, {
    kind: CLIENT,
    attributes: { "http.request.method": "GET", "url.full": url },
  });

/** the findings, near misses left out */
const flagged = (spans: AnalysisSpan[], thresholds: InsightThresholds) =>
  detectFindings(spans, thresholds).findings.filter((f) => f.nearMiss === null);
const nearMisses = (spans: AnalysisSpan[]) =>
  detectFindings(spans, DEFAULT_THRESHOLDS)
    .findings.filter((f) => f.nearMiss !== null)
    .map((f) => `${f.kind}: ${f.nearMiss}`);

/** n queries `SELECT … WHERE order_id = <i>` of `each` ms, one after another, each after a pool connect. */
function repeatedQueries(n: number, each: number, parent = "handler"): AnalysisSpan[] {
  return Array.from({ length: n }, (_, i) => [
    connect(`conn${i}`, parent, 1 + i * (each + 1)),
    query(
      `q${i}`,
      parent,
      1.5 + i * (each + 1),
      each,
      `SELECT * FROM order_items WHERE order_id = ${100 + i}`,
    ),
  ]).flat();
}

describe("normalizeStatement", () => {
  it.each([
    ["numbers", "SELECT * FROM t WHERE id = 42", "SELECT * FROM t WHERE id = ?"],
    ["strings", "SELECT * FROM t WHERE email = 'a@b.c'", "SELECT * FROM t WHERE email = ?"],
    ["placeholders", "SELECT * FROM t WHERE id = $1", "SELECT * FROM t WHERE id = ?"],
    ["IN lists", "SELECT * FROM t WHERE id IN (1, 2,3)", "SELECT * FROM t WHERE id IN (?)"],
    ["whitespace", "SELECT *\n  FROM   t", "SELECT * FROM t"],
    ["column names with digits", "SELECT col1 FROM t2", "SELECT col1 FROM t2"],
  ])("strips %s", (_, input, expected) => {
    expect(normalizeStatement(input)).toBe(expected);
  });
});

describe("callKeyOf", () => {
  it.each([
    [
      "a code with digits in the path",
      "http://pricing:8080/prices/SKU-0037",
      "GET http://pricing:8080/prices/{id}",
    ],
    ["a host with a port and no path", "http://pricing:8080", "GET http://pricing:8080/"],
    ["a bare path", "/stock/A1", "GET /stock/{id}"],
  ])("templates %s", (_, url, expected) => {
    const call = clientCallOf(CLIENT, { "http.request.method": "GET", "url.full": url });
    expect(call && callKeyOf(call)).toBe(expected);
  });
});

describe("n_plus_one", () => {
  it("flags 5 repeated queries under an express handler, pool connects interleaved", () => {
    /*
     * GET /customers/:id/orders          SERVER
     * └── request handler                INTERNAL
     *     ├── pg-pool.connect  ┐
     *     ├── SELECT … = 100   │ × 5, 12 ms each (60 ms ≥ 50 ms)
     *     └── …                ┘
     */
    const spans = [server("root", 80), span("handler", "root", 0.5, 79), ...repeatedQueries(5, 12)];
    const [finding, ...rest] = flagged(spans, DEFAULT_THRESHOLDS);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      kind: "n_plus_one",
      service: "orders",
      endpoint: "GET /customers/:id/orders",
      key: "SELECT * FROM order_items WHERE order_id = ?",
      count: 5,
      timeSavedNano: ms(48),
      requestSpanId: id("root"),
    });
    expect(finding?.spanIds).toEqual([0, 1, 2, 3, 4].map((i) => id(`q${i}`)));
  });

  it("does not flag 4 identical queries (threshold 5): a near miss, explained", () => {
    const spans = [server("root", 80), span("handler", "root", 0.5, 79), ...repeatedQueries(4, 15)];
    expect(flagged(spans, DEFAULT_THRESHOLDS)).toEqual([]);
    expect(nearMisses(spans)).toEqual(["n_plus_one: 4 repeated calls: below the threshold of 5"]);
  });

  it("does not flag 5 repeats that total less than 50 ms; 30 ms is a near miss, 10 ms nothing", () => {
    expect(flagged([server("root", 40), ...repeatedQueries(5, 6, "root")], DEFAULT_THRESHOLDS)).toEqual([]);
    expect(nearMisses([server("root", 40), ...repeatedQueries(5, 6, "root")])).toEqual([
      "n_plus_one: 5 repeated calls totalling 30.0 ms: below 50 ms",
    ]);
    expect(
      detectFindings([server("root", 20), ...repeatedQueries(5, 2, "root")], DEFAULT_THRESHOLDS).findings,
    ).toEqual([]);
  });

  it("ignores 3 repeats altogether (not even a near miss)", () => {
    expect(
      detectFindings([server("root", 80), ...repeatedQueries(3, 20, "root")], DEFAULT_THRESHOLDS).findings,
    ).toEqual([]);
  });

  it("flags repeated HTTP calls to one parameterised URL", () => {
    /*
     * GET /customers/:id/orders   SERVER
     * ├── GET http://pricing:8080/prices/SKU-001   CLIENT 20 ms
     * ├── … /prices/SKU-002 … /prices/SKU-006       (6 calls, 120 ms; codes with digits are ids)
     */
    const calls = Array.from({ length: 6 }, (_, i) =>
      fetchCall(`f${i}`, "root", i * 21, 20, `http://pricing:8080/prices/SKU-00${i + 1}?currency=EUR`),
    );
    const [finding] = flagged([server("root", 130), ...calls], DEFAULT_THRESHOLDS);
    expect(finding).toMatchObject({
      kind: "n_plus_one",
      key: "GET http://pricing:8080/prices/{id}",
      count: 6,
    });
  });
});

describe("sequential_calls", () => {
  /*
   * GET /products/:sku           SERVER 400 ms
   * └── request handler
   *     ├── GET inventory/stock/1   CLIENT   0–120
   *     ├── GET pricing/prices/1    CLIENT 121–241
   *     └── GET orders/popularity/1 CLIENT 242–392
   */
  const staircase = (overlap: number) => [
    server("root", 400),
    span("handler", "root", 0, 399),
    fetchCall("stock", "handler", 0, 120, "http://inventory/stock/1"),
    fetchCall("price", "handler", 121 - overlap, 120, "http://pricing/prices/1"),
    fetchCall("popular", "handler", 242 - overlap, 150, "http://orders/popularity/1"),
  ];

  it("flags independent calls made one after another: saving is sum − slowest", () => {
    const findings = flagged(staircase(0), DEFAULT_THRESHOLDS);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: "sequential_calls", count: 3, timeSavedNano: ms(240) });
    expect(findings[0]?.spanIds).toEqual([id("stock"), id("price"), id("popular")]);
  });

  it("does not flag the same calls made in parallel", () => {
    expect(flagged(staircase(121), DEFAULT_THRESHOLDS)).toEqual([]);
  });

  it("does not flag a saving under 100 ms; 60 ms is a near miss", () => {
    const spans = [
      server("root", 130),
      fetchCall("a", "root", 0, 60, "http://inventory/stock/1"),
      fetchCall("b", "root", 61, 60, "http://pricing/prices/1"),
    ];
    expect(flagged(spans, DEFAULT_THRESHOLDS)).toEqual([]);
    expect(nearMisses(spans)).toEqual([
      "sequential_calls: running them at once would save 60.0 ms: below 100 ms",
    ]);
  });

  it("flags independent queries run one after another", () => {
    /*
     * GET /customers/:id/orders   SERVER 400 ms
     * ├── SELECT * FROM products WHERE id = $1           150 ms
     * └── SELECT * FROM reviews WHERE product_id = $1    150 ms   → could run at once: saves 150 ms
     */
    const findings = flagged(
      [
        server("root", 400),
        query("product", "root", 1, 150, "SELECT * FROM products WHERE id = $1"),
        query("reviews", "root", 152, 150, "SELECT * FROM reviews WHERE product_id = $1"),
      ],
      DEFAULT_THRESHOLDS,
    );
    expect(findings).toMatchObject([{ kind: "sequential_calls", count: 2, timeSavedNano: ms(150) }]);
  });

  it("does not flag a query that takes the previous query's ids (IN / ANY lists)", () => {
    /*
     * GET /customers/:id/orders   SERVER 400 ms
     * ├── SELECT id FROM orders WHERE customer_id = $1             150 ms
     * └── SELECT * FROM order_items WHERE order_id = ANY($1)       150 ms   needs the order ids
     */
    for (const items of [
      "SELECT * FROM order_items WHERE order_id = ANY($1)",
      "SELECT * FROM order_items WHERE order_id IN (1, 2, 3)",
    ]) {
      const spans = [
        server("root", 400),
        query("orders", "root", 1, 150, "SELECT id FROM orders WHERE customer_id = $1"),
        query("items", "root", 152, 150, items),
      ];
      expect(detectFindings(spans, DEFAULT_THRESHOLDS).findings, items).toEqual([]);
    }
  });

  it("does not flag statements of one transaction, nor what follows a write", () => {
    /*
     * POST /orders   SERVER 700 ms                     POST /orders   SERVER 500 ms
     * ├── BEGIN                                         ├── INSERT INTO orders …      150 ms
     * ├── SELECT … FOR UPDATE             150 ms        ├── SELECT … FROM stock …     150 ms
     * ├── UPDATE stock SET …              150 ms        └── GET http://mailer/send    150 ms  (HTTP: not ordered
     * ├── SELECT * FROM prices …          150 ms             by the write, but alone it is no sequence)
     * └── COMMIT
     */
    const transaction = [
      server("root", 700),
      query("begin", "root", 0, 1, "BEGIN"),
      query("lock", "root", 2, 150, "SELECT * FROM stock WHERE sku = $1 FOR UPDATE"),
      query("update", "root", 153, 150, "UPDATE stock SET quantity = quantity - $2 WHERE sku = $1"),
      query("prices", "root", 304, 150, "SELECT * FROM prices WHERE sku = $1"),
      query("commit", "root", 455, 1, "COMMIT"),
    ];
    expect(detectFindings(transaction, DEFAULT_THRESHOLDS).findings).toEqual([]);
    const afterWrite = [
      server("root", 500),
      query("insert", "root", 0, 150, "INSERT INTO orders (customer_id) VALUES ($1)"),
      query("stock", "root", 151, 150, "SELECT * FROM stock WHERE sku = $1"),
      fetchCall("mail", "root", 302, 150, "http://mailer/send"),
    ];
    expect(detectFindings(afterWrite, DEFAULT_THRESHOLDS).findings).toEqual([]);
  });

  it("does not flag parallel calls, not even as a near miss", () => {
    expect(detectFindings(staircase(121), DEFAULT_THRESHOLDS).findings).toEqual([]);
  });
});

describe("slow_query: what each request's statements took", () => {
  it("records every call per request and statement, the slow ones and their time beyond the threshold", () => {
    /*
     * GET /orders/search   SERVER 1300 ms
     * ├── SELECT … lower(shipping_email) = lower($1)   700 ms   over 500 ms: 200 ms beyond
     * ├── SELECT 1                                       2 ms
     * └── SELECT … lower(shipping_email) = lower($1)   600 ms   over 500 ms: 100 ms beyond
     */
    const spans = [
      server("root", 1300),
      query("slow1", "root", 1, 700, "SELECT * FROM orders WHERE lower(shipping_email) = lower($1)"),
      query("fast", "root", 702, 2, "SELECT 1"),
      query("slow2", "root", 705, 600, "SELECT * FROM orders WHERE lower(shipping_email) = lower($2)"),
    ];
    const { findings, statements } = detectFindings(spans, DEFAULT_THRESHOLDS);
    // a single slow call is no finding by itself: the statement's p95 over a window decides
    expect(findings).toEqual([]);
    expect(statements).toMatchObject([
      {
        key: "SELECT * FROM orders WHERE lower(shipping_email) = lower(?)",
        requestSpanId: id("root"),
        endpoint: "GET /customers/:id/orders",
        calls: 2,
        totalNano: ms(1300),
        slowestSpanId: id("slow1"),
        slowestNano: ms(700),
        slowSpanIds: [id("slow1"), id("slow2")],
        excessNano: ms(300),
      },
      { key: "SELECT ?", calls: 1, totalNano: ms(2), slowSpanIds: [], excessNano: 0n },
    ]);
  });

  it("keeps the calls' durations as a mergeable histogram; HTTP calls are not statements", () => {
    /*
     * GET /customers/:id/orders   SERVER 100 ms
     * ├── SELECT … WHERE order_id = 1   10 ms
     * ├── SELECT … WHERE order_id = 2   10 ms
     * └── GET http://inventory/stock/1  50 ms
     */
    const spans = [
      server("root", 100),
      query("q1", "root", 1, 10, "SELECT * FROM order_items WHERE order_id = 1"),
      query("q2", "root", 12, 10, "SELECT * FROM order_items WHERE order_id = 2"),
      fetchCall("http", "root", 30, 50, "http://inventory/stock/1"),
    ];
    const { statements } = detectFindings(spans, DEFAULT_THRESHOLDS);
    expect(statements).toHaveLength(1);
    const histogram = new Histogram();
    for (const packed of (statements[0]?.histogram ?? "{}").slice(1, -1).split(",")) {
      const value = BigInt(packed);
      histogram.add(Number(value >> 40n), Number(value & ((1n << 40n) - 1n)));
    }
    expect(histogram.total).toBe(2);
    expect(histogram.percentilesMs().p95Ms).toBeCloseTo(10, 0);
  });
});
