// npm run bench:ingest [-- --spans 200000 --senders 8 --batch 500]
//
// Sustained OTLP ingest, end to end: 8 senders post OTLP/protobuf requests of 500 spans (made by
// the official SDK and serialiser) to a running Tracewell, each waiting for its 200 (= committed)
// before sending the next. Then, in the same run and database, the baseline: the same number of
// span rows COPY'd straight into `spans` on one connection. Prints spans/s and the ratio.

import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { SPAN_COPY_COLUMNS, spanCopyLine } from "@/lib/ingest/copy-text";
import { dayOf, SpanPartitions } from "@/lib/ingest/span-partitions";
import { decodeTraceRequestProto } from "@/lib/otlp/decode-traces-proto";
import { normalizeTraceRequest } from "@/lib/otlp/normalize";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { formatRate, percentile, startBenchStack } from "./support/bench-stack";

const { values } = parseArgs({
  options: {
    spans: { type: "string", default: "200000" },
    senders: { type: "string", default: "8" },
    batch: { type: "string", default: "500" },
  },
});
const totalSpans = Number(values.spans);
const senders = Number(values.senders);
const batch = Number(values.batch);
const requests = Math.ceil(totalSpans / batch);

console.log(`Preparing ${requests} OTLP/protobuf requests of ${batch} spans with the OpenTelemetry SDK…`);
const bodies: Uint8Array[] = [];
const startMs = Date.now() - 10 * 60_000;
for (let i = 0; i < requests; i++) {
  bodies.push(makeTraceExport({ spans: batch, startMs: startMs + i * 10 }).protobuf);
  if ((i + 1) % 100 === 0) process.stdout.write(`  ${i + 1}/${requests}\r`);
}
const warmup = Array.from({ length: 20 }, () => makeTraceExport({ spans: batch }).protobuf);
console.log(`Prepared ${(bodies.reduce((n, b) => n + b.length, 0) / 1048576).toFixed(1)} MiB of requests.`);

const stack = await startBenchStack();
const url = `${stack.server.otlpHttpUrl}/v1/traces`;
const post = async (body: Uint8Array) => {
  const response = await fetch(url, {
    method: "POST",
    body: body as BodyInit,
    headers: { "Content-Type": "application/x-protobuf" },
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
};

try {
  for (const body of warmup) await post(body);

  console.log(`Sending ${requests * batch} spans with ${senders} concurrent senders…`);
  const latencies: number[] = [];
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as Uint8Array;
        const t0 = performance.now();
        await post(body);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const endToEndMs = performance.now() - began;
  latencies.sort((a, b) => a - b);

  // Baseline: the same rows, decoded and normalised here, COPY'd into the emptied table.
  const pool = new pg.Pool({ connectionString: stack.database.url, max: 2 });
  const now = BigInt(Date.now()) * 1_000_000n;
  const rows = bodies.flatMap(
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
  await pool.end();

  const spans = requests * batch;
  const e2eRate = spans / (endToEndMs / 1000);
  const copyRate = rows.length / (copyMs / 1000);
  console.log("");
  console.log(
    `OTLP/HTTP protobuf, end to end  ${formatRate(spans, endToEndMs).padStart(8)} spans/s   (${spans} spans in ${(endToEndMs / 1000).toFixed(2)} s; request latency p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms)`,
  );
  console.log(
    `Raw COPY into spans (baseline)  ${formatRate(rows.length, copyMs).padStart(8)} rows/s    (${rows.length} rows in ${(copyMs / 1000).toFixed(2)} s, one connection, 8000 rows per commit)`,
  );
  console.log(`Ratio end-to-end / raw COPY     ${(e2eRate / copyRate).toFixed(2)}`);
} finally {
  await stack.stop();
}
