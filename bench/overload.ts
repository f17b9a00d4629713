// npm run bench:overload [-- --senders 256 --seconds 20 --batch 100 --requests 3000 --quiet-seconds 18]
//                         [--one-process | --split [--nice 10]]
//
// An ingest flood against a running Tracewell as `npm start` runs it (the dashboard in one
// process, ingest and the worker in its child; --one-process: every role in one process):
// `--senders` concurrent OTLP/HTTP senders post SDK-made requests of `--batch` spans as fast as
// they are answered, for `--seconds`. Meanwhile the dashboard's GET /api/endpoints is polled.
// Prints, from the same run: the dashboard's p50/p95 while quiet and during the flood (and the
// ratio: the target is ≤ 3×), the server's peak RSS (its processes together; target ≤ 1 GB at
// 256 senders), the answers
// by status (429/503 carry Retry-After: back-pressure instead of unbounded queueing), and the
// spans per second acknowledged.
// --split: the same flood against two processes sharing the database (TRACEWELL_ROLES=ingest,worker
// receiving and analysing, TRACEWELL_ROLES=web serving the dashboard), as docs/scaling.md suggests
// for heavy ingest; RSS is then the ingest process's. --nice N: the ingest process runs with
// INGEST_NICE=N (it and its PostgreSQL backends at a lower CPU priority than the dashboard's).
import { setPriority } from "node:os";
import { parseArgs } from "node:util";
import { percentile, startBenchStack } from "@/bench/support/bench-stack";
import {
  pollDashboard,
  pollDashboardInWorker,
  postTraces,
  prepareBodies,
  rssMiB,
  sleep,
} from "@/bench/support/flood";
import { describeSamples, sampleWhereTimeGoes } from "@/bench/support/where-time-goes";
import { startTracewellProcess } from "@/test/support/tracewell-process";

const { values } = parseArgs({
  options: {
    senders: { type: "string", default: "256" },
    seconds: { type: "string", default: "20" },
    batch: { type: "string", default: "100" },
    requests: { type: "string", default: "3000" },
    // as long as the flood's polling (0.9 × --seconds): both p95s from about as many requests (a p95
    // of the 45 requests of 5 quiet seconds swung by 50 % from run to run, and the ratio with it)
    "quiet-seconds": { type: "string", default: "18" },
    split: { type: "boolean", default: false },
    nice: { type: "string", default: "0" },
    "one-process": { type: "boolean", default: false },
    "senders-nice": { type: "string", default: "0" },
  },
});
const senders = Number(values.senders);
const floodMs = Number(values.seconds) * 1000;
const batch = Number(values.batch);
const quietMs = Number(values["quiet-seconds"]) * 1000;
const sendersNice = Number(values["senders-nice"]);

const bodies = prepareBodies(Number(values.requests), batch);

// Without --split: Tracewell as `npm start` runs it, ingest and the worker in a child process
// (INGEST_PROCESS=separate, the child at INGEST_NICE, default 10), or with --one-process every
// role in one process.
const stack = await startBenchStack(
  values.split
    ? { TRACEWELL_ROLES: "ingest,worker", INGEST_NICE: values.nice }
    : values["one-process"]
      ? { INGEST_PROCESS: "same" }
      : { INGEST_PROCESS: "separate", ...(values.nice === "0" ? {} : { INGEST_NICE: values.nice }) },
);
// The dashboard: the same process, or with --split a second one on the same database.
const web = values.split
  ? await startTracewellProcess({ databaseUrl: stack.database.url, env: { TRACEWELL_ROLES: "web" } })
  : stack.server;
const pid = stack.server.child.pid as number;
const post = (body: Uint8Array) => postTraces(stack.server.otlpHttpUrl, body);

try {
  // Some data for the dashboard to read, a warm-up (the first requests of a fresh process compile
  // and cache: not the quiet latency), then the quiet baseline.
  for (const body of bodies.slice(0, 20)) await post(body);
  await pollDashboard(web.baseUrl, 3_000);
  const quietSampler = sampleWhereTimeGoes(`${web.baseUrl}/metrics`, stack.database.url);
  const quiet = await pollDashboardInWorker(web.baseUrl, quietMs);
  const quietSamples = await quietSampler.stop();
  const rssBefore = rssMiB(pid);

  console.log(`Flooding with ${senders} senders for ${floodMs / 1000} s…`);
  const statuses = new Map<string, number>();
  let acknowledgedSpans = 0;
  let retryAfterMissing = 0;
  let next = 20;
  let peakRss = rssBefore;
  const deadline = Date.now() + floodMs;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMiB(pid));
  }, 250);
  // The poller and the sampler start first, on threads of their own; then --senders-nice lowers
  // the CPU priority of this (the senders') thread only (Linux: the nice value is per thread), so
  // the measuring threads keep theirs.
  const floodSampler = sampleWhereTimeGoes(`${web.baseUrl}/metrics`, stack.database.url);
  const duringPolled = pollDashboardInWorker(web.baseUrl, floodMs * 0.9);
  if (sendersNice > 0) setPriority(sendersNice);
  const flood = Array.from({ length: senders }, async () => {
    while (Date.now() < deadline) {
      const body = bodies[next++ % bodies.length] as Uint8Array;
      try {
        const response = await post(body);
        const key = String(response.status);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (response.status === 200) acknowledgedSpans += batch;
        else if (
          (response.status === 429 || response.status === 503) &&
          !response.headers.get("retry-after")
        ) {
          retryAfterMissing++;
        }
        // A polite sender backs off as the OpenTelemetry SDK's exporters do: for Retry-After
        // (here with ±50 % jitter, so that refused senders do not all come back at once).
        if (response.status === 429 || response.status === 503) {
          const seconds = Number(response.headers.get("retry-after") ?? 1);
          await sleep(seconds * 1000 * (0.5 + Math.random()));
        }
      } catch (error) {
        const key = `error ${(error as Error).message}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    }
  });
  // On a thread of its own: the senders keep this process's event loop busy.
  const during = await duringPolled;
  const floodSamples = await floodSampler.stop();
  await Promise.all(flood);
  clearInterval(sampler);

  const p = (xs: number[], q: number) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      q,
    );
  console.log("");
  console.log(
    values.split
      ? `Two processes: ingest,worker (INGEST_NICE=${values.nice}) | web`
      : values["one-process"]
        ? "One process: web,ingest,worker (INGEST_PROCESS=same)"
        : "npm start: web | child ingest,worker (INGEST_PROCESS=separate)",
  );
  if (sendersNice > 0) console.log(`Senders' thread at nice ${sendersNice}`);
  console.log(
    `Dashboard GET /api/endpoints  quiet p50 ${p(quiet, 0.5).toFixed(1)} ms  p95 ${p(quiet, 0.95).toFixed(1)} ms  (${quiet.length} requests)`,
  );
  console.log(
    `                              flood p50 ${p(during, 0.5).toFixed(1)} ms  p95 ${p(during, 0.95).toFixed(1)} ms  (${during.length} requests)`,
  );
  console.log("Where the time goes, quiet:");
  for (const line of describeSamples(quietSamples)) console.log(line);
  console.log("                  flood:");
  for (const line of describeSamples(floodSamples)) console.log(line);
  console.log(
    `Ratio flood p95 / quiet p95   ${(p(during, 0.95) / p(quiet, 0.95)).toFixed(2)}× (target ≤ 3×)`,
  );
  console.log(
    `Server RSS                    ${rssBefore.toFixed(0)} MiB before, peak ${peakRss.toFixed(0)} MiB during (target ≤ 1024)`,
  );
  console.log(
    `Answers                       ${[...statuses].map(([status, n]) => `${status}: ${n}`).join(", ")}` +
      (retryAfterMissing > 0 ? `  (${retryAfterMissing} without Retry-After!)` : ""),
  );
  console.log(
    `Acknowledged                  ${Math.round(acknowledgedSpans / (floodMs / 1000)).toLocaleString("en-US")} spans/s`,
  );
} finally {
  if (web !== stack.server) await web.stop();
  await stack.stop();
}
