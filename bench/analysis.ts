// npm run bench:analysis [-- --traces 5000 --queries 20] [--ingest-traces 20000 --senders 4]
//
// 1. The insight detectors alone (lib/analysis/insights/detect-findings.ts), in process, no
//    database: traces shaped like the demo's N+1 request (SERVER → express handler → per query a
//    pg-pool.connect and a pg.query, plus two sequential fetches), each with `--queries` repeated
//    queries. Prints traces and spans analysed per second.
// 2. Ingest throughput with analysis on vs off, end to end: the same kind of traces (made by the
//    official SDK and serialised to OTLP/protobuf, 10 queries each) posted by `--senders`
//    concurrent senders to a Tracewell started for each pass. "off" runs TRACEWELL_ROLES=web,ingest
//    (no worker: nothing is analysed); "on" runs every role with ANALYSIS_QUIET_PERIOD=1s, so
//    cache attribution and the detectors analyse traces while ingest goes on. Passes run off, on,
//    on, off (a later pass runs on a warmer machine; this order cancels drift out). Prints spans/s
//    per mode, the ratio on/off, and for "on" how long the worker took to catch up after the last
//    request (traces analysed per second over the whole pass).
import { parseArgs } from "node:util";
import { ROOT_CONTEXT, type Span, SpanKind, trace } from "@opentelemetry/api";
import pg from "pg";
import { formatRate, otlpSender, startBenchStack } from "@/bench/support/bench-stack";
import { detectFindings } from "@/lib/analysis/insights/detect-findings";
import { DEFAULT_THRESHOLDS } from "@/lib/analysis/insights/finding";
import type { AnalysisSpan } from "@/lib/analysis/trace-analyzer";
import { recordExport } from "@/test/fixtures/otlp-fixtures";

const { values } = parseArgs({
  options: {
    traces: { type: "string", default: "5000" },
    queries: { type: "string", default: "20" },
    "ingest-traces": { type: "string", default: "20000" },
    senders: { type: "string", default: "4" },
  },
});
const traceCount = Number(values.traces);
const queries = Number(values.queries);

// ── 1. detectors in process ──────────────────────────────────────────────────────────────────
let nextId = 0;
const id = () => {
  const buffer = Buffer.alloc(8);
  buffer.writeUInt32BE(++nextId, 4);
  return buffer;
};
const ms = (n: number) => BigInt(Math.round(n * 1e6));

function analysisTrace(): AnalysisSpan[] {
  const base = (name: string, parent: Buffer | null, start: number, duration: number): AnalysisSpan => ({
    spanId: id(),
    parentSpanId: parent,
    serviceName: "orders",
    name,
    kind: 1,
    statusCode: 0,
    endpoint: null,
    cacheResult: null,
    startTimeUnixNano: ms(1_000_000 + start),
    durationNano: ms(duration),
    attributes: {},
  });
  const root = {
    ...base("GET /customers/:id/orders", null, 0, 400),
    kind: 2,
    endpoint: "GET /customers/:id/orders",
  };
  const handler = base("request handler", root.spanId, 1, 398);
  const spans = [root, handler];
  for (let i = 0; i < queries; i++) {
    spans.push({
      ...base("pg-pool.connect", handler.spanId, 2 + i * 5, 1),
      attributes: { "db.system": "postgresql" },
    });
    spans.push({
      ...base("pg.query:SELECT", handler.spanId, 3 + i * 5, 4),
      kind: 3,
      attributes: {
        "db.system.name": "postgresql",
        "db.query.text": `SELECT * FROM order_items WHERE order_id = ${i} AND status IN ('a', 'b')`,
      },
    });
  }
  for (const [i, url] of ["http://inventory/stock/1", "http://pricing/prices/1"].entries()) {
    spans.push({
      ...base("GET", handler.spanId, 200 + i * 100, 95),
      kind: 3,
      attributes: { "http.request.method": "GET", "url.full": url },
    });
  }
  return spans;
}

const traces = Array.from({ length: traceCount }, analysisTrace);
const spanCount = traces.reduce((n, t) => n + t.length, 0);
let findings = 0;
for (const spans of traces.slice(0, 200))
  findings += detectFindings(spans, DEFAULT_THRESHOLDS).findings.length; // warm-up
findings = 0;
const started = process.hrtime.bigint();
for (const spans of traces) findings += detectFindings(spans, DEFAULT_THRESHOLDS).findings.length;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  `detectFindings: ${traceCount} traces of ${spanCount / traceCount} spans in ${seconds.toFixed(2)} s — ` +
    `${Math.round(traceCount / seconds).toLocaleString("en-US")} traces/s, ` +
    `${Math.round(spanCount / seconds).toLocaleString("en-US")} spans/s, ${findings} findings`,
);

// ── 2. ingest with analysis on vs off ────────────────────────────────────────────────────────
const ingestTraces = Number(values["ingest-traces"]);
const senders = Number(values.senders);
const TRACES_PER_REQUEST = 20;
const QUERIES_PER_TRACE = 10;

/** `count` N+1-shaped traces as one OTLP/protobuf request, made by the official SDK. */
function demoExport(count: number, startMs: number): Uint8Array {
  return recordExport(
    ([tracer]) => {
      if (!tracer) return;
      for (let t = 0; t < count; t++) {
        const base = startMs + t * 10;
        const under = (parent: Span) => trace.setSpan(ROOT_CONTEXT, parent);
        const root = tracer.startSpan("GET /customers/:id/orders", {
          kind: SpanKind.SERVER,
          startTime: base,
          attributes: { "http.request.method": "GET", "http.route": "/customers/:id/orders" },
        });
        const handler = tracer.startSpan(
          "request handler - /customers/:id/orders",
          { startTime: base + 1 },
          under(root),
        );
        for (let q = 0; q < QUERIES_PER_TRACE; q++) {
          tracer
            .startSpan(
              "pg-pool.connect",
              { startTime: base + 2 + q * 5, attributes: { "db.system": "postgresql" } },
              under(handler),
            )
            .end(base + 3 + q * 5);
          tracer
            .startSpan(
              "pg.query:SELECT shop",
              {
                kind: SpanKind.CLIENT,
                startTime: base + 3 + q * 5,
                attributes: {
                  "db.system.name": "postgresql",
                  "db.query.text": `SELECT * FROM order_items WHERE order_id = ${q + 1}`,
                },
              },
              under(handler),
            )
            .end(base + 6 + q * 5);
        }
        for (const [i, url] of ["http://inventory:8080/stock/1", "http://pricing:8080/prices/1"].entries()) {
          tracer
            .startSpan(
              "GET",
              {
                kind: SpanKind.CLIENT,
                startTime: base + 60 + i * 100,
                attributes: { "http.request.method": "GET", "url.full": url },
              },
              under(handler),
            )
            .end(base + 150 + i * 100);
        }
        handler.end(base + 260);
        root.end(base + 262);
      }
    },
    { services: ["orders"] },
  ).protobuf;
}

const requests = Math.ceil(ingestTraces / TRACES_PER_REQUEST);
console.log(
  `\nPreparing ${requests} OTLP/protobuf requests of ${TRACES_PER_REQUEST} traces (${2 + 2 * QUERIES_PER_TRACE + 2} spans each)…`,
);
const bodies = Array.from({ length: requests }, (_, i) =>
  demoExport(TRACES_PER_REQUEST, Date.now() - 5 * 60_000 + i * TRACES_PER_REQUEST * 10),
);
const spansPerRequest = TRACES_PER_REQUEST * (4 + 2 * QUERIES_PER_TRACE);

interface Pass {
  mode: "on" | "off";
  spans: number;
  ms: number;
  /** "on": from the first request until every trace was analysed */
  analysedMs?: number;
}

async function pass(mode: "on" | "off"): Promise<Pass> {
  const stack = await startBenchStack(
    mode === "off" ? { TRACEWELL_ROLES: "web,ingest" } : { ANALYSIS_QUIET_PERIOD: "1s" },
  );
  const pool = new pg.Pool({ connectionString: stack.database.url, max: 1 });
  try {
    const post = otlpSender(stack.server.otlpHttpUrl, "/v1/traces");
    let next = 0;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (next < bodies.length) await post(bodies[next++] as Uint8Array);
      }),
    );
    const sentMs = performance.now() - began;
    const result: Pass = { mode, spans: bodies.length * spansPerRequest, ms: sentMs };
    if (mode === "on") {
      // the worker catches up: every trace analysed by both analysers
      for (;;) {
        const { rows } = await pool.query<{ pending: string }>(
          "SELECT count(*) AS pending FROM trace_analysis_queue",
        );
        if (Number(rows[0]?.pending) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      result.analysedMs = performance.now() - began;
      const { rows } = await pool.query<{ findings: string; statements: string }>(
        `SELECT (SELECT count(*) FROM trace_findings) AS findings, (SELECT count(*) FROM request_statements) AS statements`,
      );
      console.log(`    stored ${rows[0]?.findings} findings, ${rows[0]?.statements} request statements`);
    }
    return result;
  } finally {
    await pool.end();
    await stack.stop();
  }
}

const passes: Pass[] = [];
for (const [i, mode] of (["off", "on", "on", "off"] as const).entries()) {
  console.log(
    `Pass ${i + 1}/4: analysis ${mode}, ${bodies.length * spansPerRequest} spans, ${senders} senders…`,
  );
  const result = await pass(mode);
  passes.push(result);
  console.log(
    `    ${formatRate(result.spans, result.ms)} spans/s${result.analysedMs ? `; all analysed ${((result.analysedMs - result.ms) / 1000).toFixed(1)} s after the last request` : ""}`,
  );
}
const rate = (mode: "on" | "off") => {
  const of = passes.filter((p) => p.mode === mode);
  return of.reduce((n, p) => n + p.spans, 0) / (of.reduce((n, p) => n + p.ms, 0) / 1000);
};
const on = passes.filter((p) => p.mode === "on");
const analysedPerSecond =
  on.reduce((n, p) => n + (p.spans / spansPerRequest) * TRACES_PER_REQUEST, 0) /
  (on.reduce((n, p) => n + (p.analysedMs ?? p.ms), 0) / 1000);
console.log(
  `\nIngest, analysis off   ${Math.round(rate("off")).toLocaleString("en-US")} spans/s\n` +
    `Ingest, analysis on    ${Math.round(rate("on")).toLocaleString("en-US")} spans/s   ` +
    `(${((rate("on") / rate("off")) * 100).toFixed(0)} % of off)\n` +
    `Analysed end to end    ${Math.round(analysedPerSecond).toLocaleString("en-US")} traces/s (ingest and analysis together, until the worker caught up)`,
);
