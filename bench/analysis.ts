// npm run bench:analysis [-- --traces 5000 --queries 20]
//
// The insight detectors alone (lib/analysis/insights/detect-findings.ts), in process, no
// database: traces shaped like the demo's N+1 request (SERVER → express handler → per query a
// pg-pool.connect and a pg.query, plus two sequential fetches), each with `--queries` repeated
// queries. Prints traces and spans analysed per second. (Ingest throughput with analysis on vs
// off needs the full stack and is not measured here yet.)
import { parseArgs } from "node:util";
import { detectFindings } from "@/lib/analysis/insights/detect-findings";
import { DEFAULT_THRESHOLDS } from "@/lib/analysis/insights/finding";
import type { AnalysisSpan } from "@/lib/analysis/trace-analyzer";

const { values } = parseArgs({
  options: { traces: { type: "string", default: "5000" }, queries: { type: "string", default: "20" } },
});
const traceCount = Number(values.traces);
const queries = Number(values.queries);

let nextId = 0;
const id = () => {
  const buffer = Buffer.alloc(8);
  buffer.writeUInt32BE(++nextId, 4);
  return buffer;
};
const ms = (n: number) => BigInt(Math.round(n * 1e6));

function trace(): AnalysisSpan[] {
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

const traces = Array.from({ length: traceCount }, trace);
const spanCount = traces.reduce((n, t) => n + t.length, 0);
let findings = 0;
for (const spans of traces.slice(0, 200)) findings += detectFindings(spans, DEFAULT_THRESHOLDS).length; // warm-up
findings = 0;
const started = process.hrtime.bigint();
for (const spans of traces) findings += detectFindings(spans, DEFAULT_THRESHOLDS).length;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  `detectFindings: ${traceCount} traces of ${spanCount / traceCount} spans in ${seconds.toFixed(2)} s — ` +
    `${Math.round(traceCount / seconds).toLocaleString("en-US")} traces/s, ` +
    `${Math.round(spanCount / seconds).toLocaleString("en-US")} spans/s, ${findings} findings`,
);
