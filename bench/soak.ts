// npm run bench:soak [-- --minutes 20] [--rate 5000] [--senders 8 --batch 100]
//
// A long steady load: first a 15 s probe of the maximum acknowledged rate (unless --rate is given),
// then OTLP/HTTP ingest paced at half of it for --minutes while the dashboard's GET /api/endpoints
// is polled. Prints one line per minute: the server's RSS, the acknowledged rate, ingest request
// p99 and dashboard p95 in that minute. Flat lines are the target (no leak, no slow drift as the
// tables grow, retention and analysis keeping up). Every request is new data made by the SDK just
// before it is sent (fresh ids and times), so the tables grow as they do in production; on a
// 2-core machine making them costs the senders CPU too, so the probe's maximum is lower than
// bench:ingest's (which sends prepared bodies).
import { parseArgs } from "node:util";
import { percentile, startBenchStack } from "@/bench/support/bench-stack";
import { pollDashboard, postTraces, rssMiB, sleep } from "@/bench/support/flood";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "20" },
    rate: { type: "string" },
    senders: { type: "string", default: "8" },
    batch: { type: "string", default: "100" },
  },
});
const minutes = Number(values.minutes);
const senders = Number(values.senders);
const batch = Number(values.batch);
const stack = await startBenchStack();
const pid = stack.server.child.pid as number;
const post = () =>
  postTraces(
    stack.server.otlpHttpUrl,
    makeTraceExport({ spans: batch, startMs: Date.now() - 1_000, exceptionEvery: 20, cacheLookups: true })
      .protobuf,
  );

/**
 * Sends for `ms` at most `rate` spans/s (unpaced when rate is Infinity); latencies of 200s, and
 * requests that failed without an answer (a connection closed under the sender), which a real
 * exporter retries, so the sender waits a second and goes on.
 */
async function send(
  ms: number,
  rate: number,
): Promise<{ latencies: number[]; spans: number; failed: number }> {
  const latencies: number[] = [];
  let spans = 0;
  let failed = 0;
  const started = Date.now();
  const until = started + ms;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (Date.now() < until) {
        // Pace: request k of all senders may start at k × batch / rate seconds.
        const due = started + (spans / rate) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
        const t = performance.now();
        const response = await post().catch(() => null);
        if (response === null) {
          failed++;
          await sleep(1_000);
        } else if (response.status === 200) {
          latencies.push(performance.now() - t);
          spans += batch;
        } else {
          await sleep(Number(response.headers.get("retry-after") ?? 1) * 1000);
        }
      }
    }),
  );
  return { latencies, spans, failed };
}

const p = (xs: number[], q: number) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    q,
  );
try {
  let rate = Number(values.rate ?? Number.NaN);
  if (!Number.isFinite(rate)) {
    const probe = await send(15_000, Number.POSITIVE_INFINITY);
    rate = Math.round(probe.spans / 15 / 2);
    console.log(
      `Probe: ${Math.round(probe.spans / 15).toLocaleString("en-US")} spans/s at most; soaking at half.`,
    );
  }
  console.log(
    `Soaking at ${rate.toLocaleString("en-US")} spans/s for ${minutes} min (${senders} senders, ${batch} spans per request)`,
  );
  console.log("minute   RSS MiB   spans/s   ingest p99 ms   dashboard p95 ms   failed requests");
  for (let minute = 1; minute <= minutes; minute++) {
    const [ingest, dashboard] = await Promise.all([
      send(60_000, rate),
      pollDashboard(stack.server.baseUrl, 59_000),
    ]);
    console.log(
      `${String(minute).padStart(6)}   ${rssMiB(pid).toFixed(0).padStart(7)}   ${Math.round(ingest.spans / 60)
        .toLocaleString("en-US")
        .padStart(
          7,
        )}   ${p(ingest.latencies, 0.99).toFixed(0).padStart(13)}   ${p(dashboard, 0.95).toFixed(0).padStart(16)}   ${String(ingest.failed).padStart(15)}`,
    );
  }
} finally {
  await stack.stop();
}
