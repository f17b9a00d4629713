// npm run bench:ingest [-- --spans 200000 --senders 8 --batch 500] [--grpc] [--heavy]
//                      [--metric-points 100000 --metric-routes 50] [--metrics-only]
//
// Sustained OTLP ingest, end to end: 8 senders post OTLP/protobuf requests of 500 spans (made by
// the official SDK and serialiser) to a running Tracewell, each waiting for its 200 (= committed)
// before sending the next. With --grpc, the same bodies also go through OTLP/gRPC
// (TraceService/Export from a raw grpc-js client: one channel, 8 concurrent callers, bytes passed
// through unserialised). Each pass starts from emptied tables, so both transports do the same
// work, and the passes run HTTP, gRPC, gRPC, HTTP: a later pass runs on a warmer process (and a
// shared machine's load drifts), which this order cancels out. Then, in the same run and
// database, the baseline: the same span rows COPY'd straight into `spans` on one connection.
// Prints spans/s and the ratio to the baseline.
// Then metrics: OTLP/protobuf metric exports of 50 services (bench/support/metric-exports.ts: the
// official MeterProvider, collected repeatedly, and the official serialiser), each with a counter
// and a duration histogram per route, posted by the same senders over OTLP/HTTP (and gRPC with
// --grpc); prints data points/s. --metrics-only skips the spans.

import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { formatRate, otlpSender, percentile, startBenchStack } from "@/bench/support/bench-stack";
import { type MetricExports, makeMetricExports } from "@/bench/support/metric-exports";
import { formatStoredBytes, storedBytesPerSpan } from "@/bench/support/stored-bytes";
import { SPAN_COPY_COLUMNS, spanCopyLine } from "@/lib/ingest/shared/copy-text";
import { dayOf, SpanPartitions } from "@/lib/ingest/shared/day-partitions";
import { normalizeTraceRequest } from "@/lib/ingest/traces/normalize-spans";
import { decodeTraceRequestProto } from "@/lib/otlp/decode-traces-proto";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { OtlpGrpcExportClient } from "@/test/support/grpc-export-client";

const { values } = parseArgs({
  options: {
    spans: { type: "string", default: "200000" },
    senders: { type: "string", default: "8" },
    batch: { type: "string", default: "500" },
    grpc: { type: "boolean", default: false },
    heavy: { type: "boolean", default: false },
    "metric-points": { type: "string", default: "100000" },
    "metric-routes": { type: "string", default: "50" },
    "metrics-only": { type: "boolean", default: false },
  },
});
const metricsOnly = values["metrics-only"];
const totalSpans = Number(values.spans);
const senders = Number(values.senders);
const batch = Number(values.batch);
const requests = metricsOnly ? 0 : Math.ceil(totalSpans / batch);
// Typical mix: one trace in 20 (1 span in 100) fails with an exception and its stack trace, and
// every trace makes one cache lookup (so attribution runs). --heavy: every trace fails (1 span in
// 5 carries a stack trace), the fixture's worst case.
const exceptionEvery = values.heavy ? 1 : 20;

if (!metricsOnly) {
  console.log(`Preparing ${requests} OTLP/protobuf requests of ${batch} spans with the OpenTelemetry SDK…`);
}
const spanBodies: Uint8Array[] = [];
const startMs = Date.now() - 10 * 60_000;
for (let i = 0; i < requests; i++) {
  spanBodies.push(
    makeTraceExport({ spans: batch, startMs: startMs + i * 10, exceptionEvery, cacheLookups: true }).protobuf,
  );
  if ((i + 1) % 100 === 0) process.stdout.write(`  ${i + 1}/${requests}\r`);
}
const spanWarmup = Array.from(
  { length: metricsOnly ? 0 : 20 },
  () => makeTraceExport({ spans: batch, exceptionEvery, cacheLookups: true }).protobuf,
);
const preparedBytes = spanBodies.reduce((n, b) => n + b.length, 0);
if (!metricsOnly)
  console.log(
    `Prepared ${(preparedBytes / 1048576).toFixed(1)} MiB of requests ` +
      `(${Math.round(preparedBytes / (requests * batch))} protobuf bytes per span, ${values.heavy ? "heavy" : "typical"} mix).`,
  );

interface Run {
  spans: number;
  ms: number;
  latencies: number[];
}

/** `senders` concurrent senders, each sending the next body once its previous one is answered. */
async function sendAll(
  send: (body: Uint8Array) => Promise<void>,
  { bodies, warmup, perBody }: { bodies: Uint8Array[]; warmup: Uint8Array[]; perBody: number } = {
    bodies: spanBodies,
    warmup: spanWarmup,
    perBody: batch,
  },
): Promise<Run> {
  for (const body of warmup) await send(body);
  const latencies: number[] = [];
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as Uint8Array;
        const t0 = performance.now();
        await send(body);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { spans: bodies.length * perBody, ms: performance.now() - began, latencies };
}

/** The passes of one transport as one figure: all spans over all time, percentiles over all requests. */
function combine(runs: Run[]): Run {
  return {
    spans: runs.reduce((n, run) => n + run.spans, 0),
    ms: runs.reduce((n, run) => n + run.ms, 0),
    latencies: runs.flatMap((run) => run.latencies).sort((a, b) => a - b),
  };
}

/**
 * Empties what an ingest run writes (spans, traces, per-endpoint rollups), so a second run inserts
 * as the first did instead of taking the idempotent path for retries. Bench only: the rollup tables
 * are found by name in the catalogue, so this keeps working as they change.
 */
async function emptyIngestTables(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'endpoint\\_%'`,
  );
  const tables = ["spans", "traces", ...rows.map((row) => row.name)];
  await pool.query(`TRUNCATE ${tables.map((name) => `"${name.replaceAll('"', '""')}"`).join(", ")}`);
}

const stack = await startBenchStack();
const post = otlpSender(stack.server.otlpHttpUrl, "/v1/traces");
const pool = new pg.Pool({ connectionString: stack.database.url, max: 2 });

const grpcClient = values.grpc ? new OtlpGrpcExportClient(stack.server.otlpGrpcUrl) : undefined;
const transports = {
  "OTLP/HTTP": post,
  "OTLP/gRPC": async (body: Uint8Array) => {
    await grpcClient?.exportTraces(body);
  },
};
type Transport = keyof typeof transports;

/** The span passes (HTTP, and gRPC with --grpc), then the raw COPY baseline. */
async function benchSpans(): Promise<void> {
  const order: Transport[] = values.grpc
    ? ["OTLP/HTTP", "OTLP/gRPC", "OTLP/gRPC", "OTLP/HTTP"]
    : ["OTLP/HTTP"];
  const runs: Record<Transport, Run[]> = { "OTLP/HTTP": [], "OTLP/gRPC": [] };
  for (const [i, transport] of order.entries()) {
    if (i > 0) await emptyIngestTables(pool);
    console.log(
      `Pass ${i + 1}/${order.length}: ${requests * batch} spans over ${transport}, ${senders} concurrent senders…`,
    );
    runs[transport].push(await sendAll(transports[transport]));
  }
  const http = combine(runs["OTLP/HTTP"]);
  const grpc = values.grpc ? combine(runs["OTLP/gRPC"]) : undefined;
  const stored = await storedBytesPerSpan(pool);

  // Baseline: the same rows, decoded and normalised here, COPY'd into the emptied table.
  const now = BigInt(Date.now()) * 1_000_000n;
  const rows = spanBodies.flatMap(
    (body) =>
      normalizeTraceRequest(decodeTraceRequestProto(body), {
        nowUnixNano: now,
        maxPastNanos: 86_400_000_000_000n,
        maxFutureNanos: 86_400_000_000_000n,
      }).spans,
  );
  await pool.query("TRUNCATE spans");
  await new SpanPartitions().ensure(
    pool,
    rows.map((row) => dayOf(row.startTimeUnixNano)),
  );
  const client = await pool.connect();
  const copyBegan = performance.now();
  for (let i = 0; i < rows.length; i += 8000) {
    const lines = rows
      .slice(i, i + 8000)
      .map(spanCopyLine)
      .join("");
    await client.query("BEGIN");
    await pipeline(
      async function* () {
        yield lines;
      },
      client.query(copyFrom(`COPY spans (${SPAN_COPY_COLUMNS.join(", ")}) FROM STDIN`)),
    );
    await client.query("COMMIT");
  }
  const copyMs = performance.now() - copyBegan;
  client.release();

  const copyRate = rows.length / (copyMs / 1000);
  const line = (label: string, run: Run) =>
    `${label.padEnd(32)}${formatRate(run.spans, run.ms).padStart(8)} spans/s   (${run.spans} spans in ${(run.ms / 1000).toFixed(2)} s; request latency p50 ${percentile(run.latencies, 0.5).toFixed(0)} ms, p99 ${percentile(run.latencies, 0.99).toFixed(0)} ms)`;
  const ratio = (label: string, run: Run) =>
    `${label.padEnd(32)}${(run.spans / (run.ms / 1000) / copyRate).toFixed(2)}`;
  console.log("");
  console.log(line("OTLP/HTTP protobuf, end to end", http));
  if (grpc) console.log(line("OTLP/gRPC, end to end", grpc));
  console.log(
    `${"Raw COPY into spans (baseline)".padEnd(32)}${formatRate(rows.length, copyMs).padStart(8)} rows/s    (${rows.length} rows in ${(copyMs / 1000).toFixed(2)} s, one connection, 8000 rows per commit)`,
  );
  console.log(ratio(grpc ? "Ratio HTTP / raw COPY" : "Ratio end-to-end / raw COPY", http));
  if (grpc) console.log(ratio("Ratio gRPC / raw COPY", grpc));
  console.log(formatStoredBytes(stored));
}

/** Metric exports of 50 services over OTLP/HTTP (and gRPC with --grpc): data points per second. */
async function benchMetrics(): Promise<void> {
  const routes = Number(values["metric-routes"]);
  const perExport = 2 * routes;
  const exports = Math.ceil(Number(values["metric-points"]) / perExport);
  const passes: Transport[] = values.grpc ? ["OTLP/HTTP", "OTLP/gRPC"] : ["OTLP/HTTP"];
  console.log("");
  console.log(
    `Preparing ${passes.length} × ${exports} OTLP/protobuf metric exports of ${perExport} data points (50 services × ${routes} routes, official MeterProvider)…`,
  );
  // Each pass sends its own exports (later times): a resent point would take the idempotent path.
  const sets = [];
  for (const _ of passes) sets.push(await makeMetricExports({ services: 50, routes, exports: exports + 20 }));
  const send: Record<Transport, (body: Uint8Array) => Promise<void>> = {
    "OTLP/HTTP": otlpSender(stack.server.otlpHttpUrl, "/v1/metrics"),
    "OTLP/gRPC": async (body) => {
      await grpcClient?.exportMetrics(body);
    },
  };
  for (const [i, transport] of passes.entries()) {
    const set = sets[i] as MetricExports;
    const perBody = set.points / set.bodies.length;
    const run = await sendAll(send[transport], {
      warmup: set.bodies.slice(0, 20),
      bodies: set.bodies.slice(20),
      perBody,
    });
    const { rows } = await pool.query<{ n: string }>("SELECT count(*)::text AS n FROM metric_points");
    console.log(
      `${`${transport} metrics, end to end`.padEnd(32)}${formatRate(run.spans, run.ms).padStart(8)} data points/s   (${run.spans} points in ${(run.ms / 1000).toFixed(2)} s, ${perBody} per request; request latency p50 ${percentile(
        run.latencies.sort((a, b) => a - b),
        0.5,
      ).toFixed(
        0,
      )} ms, p99 ${percentile(run.latencies, 0.99).toFixed(0)} ms; ${rows[0]?.n} rows in metric_points)`,
    );
  }
}

try {
  if (!metricsOnly) await benchSpans();
  await benchMetrics();
} finally {
  grpcClient?.close();
  await pool.end();
  await stack.stop();
}
