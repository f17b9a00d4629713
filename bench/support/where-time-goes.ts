// Where a dashboard request's time goes during a flood, sampled every `everyMs` from outside the
// server: the web process's event-loop delay (p99 since the last scrape, from its GET /metrics:
// prom-client's nodejs_eventloop_lag_p99_seconds), queries waiting for a pool connection, and how
// long PostgreSQL takes to answer a trivial query on a connection of its own (CPU and locks).
import pg from "pg";
import { percentile } from "@/bench/support/bench-stack";

export interface TimeSamples {
  eventLoopP99Ms: number[];
  poolWaiting: number[];
  postgresMs: number[];
}

export function sampleWhereTimeGoes(metricsUrl: string, databaseUrl: string, everyMs = 1_000) {
  const samples: TimeSamples = { eventLoopP99Ms: [], poolWaiting: [], postgresMs: [] };
  const client = new pg.Client({ connectionString: databaseUrl });
  const connected = client.connect();
  let stopped = false;
  const loop = (async () => {
    await connected;
    while (!stopped) {
      const started = performance.now();
      await client.query("SELECT 1");
      samples.postgresMs.push(performance.now() - started);
      try {
        const text = await (await fetch(metricsUrl)).text();
        const lag = /^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text);
        const waiting = /^tracewell_db_pool_connections\{state="waiting"\} (\S+)$/m.exec(text);
        if (lag) samples.eventLoopP99Ms.push(Number(lag[1]) * 1000);
        if (waiting) samples.poolWaiting.push(Number(waiting[1]));
      } catch {
        // a scrape that fails under load is left out
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async (): Promise<TimeSamples> => {
      stopped = true;
      await loop;
      await client.end();
      return samples;
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
