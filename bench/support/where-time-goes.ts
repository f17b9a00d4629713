// Where a dashboard request's time goes during a flood, sampled every `everyMs` from outside the
// server: the web process's event-loop delay (p99 since the last scrape, from its GET /metrics:
// prom-client's nodejs_eventloop_lag_p99_seconds), queries waiting for a pool connection, and how
// long PostgreSQL takes to answer a trivial query on a connection of its own (CPU and locks).
// Sampled on a thread of its own, so the bench's busy senders do not delay the samples.
import { Worker } from "node:worker_threads";
import { percentile } from "@/bench/support/bench-stack";

export interface TimeSamples {
  eventLoopP99Ms: number[];
  poolWaiting: number[];
  postgresMs: number[];
}

const SAMPLER = `
const { parentPort, workerData } = require("node:worker_threads");
const pg = require("pg");
const samples = { eventLoopP99Ms: [], poolWaiting: [], postgresMs: [] };
let stopped = false;
parentPort.once("message", () => { stopped = true; });
(async () => {
  const client = new pg.Client({ connectionString: workerData.databaseUrl });
  await client.connect();
  while (!stopped) {
    const started = performance.now();
    await client.query("SELECT 1");
    samples.postgresMs.push(performance.now() - started);
    try {
      const text = await (await fetch(workerData.metricsUrl)).text();
      const lag = /^nodejs_eventloop_lag_p99_seconds (\\S+)$/m.exec(text);
      const waiting = /^tracewell_db_pool_connections\\{state="waiting"\\} (\\S+)$/m.exec(text);
      if (lag) samples.eventLoopP99Ms.push(Number(lag[1]) * 1000);
      if (waiting) samples.poolWaiting.push(Number(waiting[1]));
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, workerData.everyMs));
  }
  await client.end();
  parentPort.postMessage(samples);
})();
`;

export function sampleWhereTimeGoes(metricsUrl: string, databaseUrl: string, everyMs = 1_000) {
  const worker = new Worker(SAMPLER, { eval: true, workerData: { metricsUrl, databaseUrl, everyMs } });
  const done = new Promise<TimeSamples>((resolve, reject) => {
    worker.once("message", (samples: TimeSamples) => {
      resolve(samples);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
  return {
    stop: (): Promise<TimeSamples> => {
      worker.postMessage("stop");
      return done;
    },
  };
}

export function describeSamples(samples: TimeSamples): string[] {
  const stat = (xs: number[], unit: string) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return `median ${percentile(sorted, 0.5).toFixed(1)}${unit}, max ${(sorted.at(-1) ?? Number.NaN).toFixed(1)}${unit}`;
  };
  return [
    `  web event-loop delay p99     ${stat(samples.eventLoopP99Ms, " ms")}`,
    `  queries waiting for the pool ${stat(samples.poolWaiting, "")}`,
    `  PostgreSQL SELECT 1          ${stat(samples.postgresMs, " ms")}`,
  ];
}
