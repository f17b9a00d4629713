// Pieces shared by bench:overload and bench:soak: SDK-made request bodies, posting them, polling
// the dashboard, and reading a process's RSS.
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";

/** `count` OTLP/protobuf requests of `batch` spans (a typical mix), starting five minutes ago. */
export function prepareBodies(count: number, batch: number): Uint8Array[] {
  console.log(`Preparing ${count} OTLP/protobuf requests of ${batch} spans with the OpenTelemetry SDK…`);
  const startMs = Date.now() - 5 * 60_000;
  return Array.from(
    { length: count },
    (_, i) =>
      makeTraceExport({ spans: batch, startMs: startMs + i * 20, exceptionEvery: 20, cacheLookups: true })
        .protobuf,
  );
}

/** POSTs one body to OTLP/HTTP and reads the answer through. */
export async function postTraces(otlpHttpUrl: string, body: Uint8Array): Promise<Response> {
  const response = await fetch(`${otlpHttpUrl}/v1/traces`, {
    method: "POST",
    body: body as BodyInit,
    headers: { "Content-Type": "application/x-protobuf" },
  });
  await response.arrayBuffer();
  return response;
}

/** The dashboard's busiest read: every endpoint of the last hour. */
export function dashboardUrl(baseUrl: string): string {
  return `${baseUrl}/api/endpoints?from=${Date.now() - 3_600_000}&to=${Date.now()}`;
}

// pollDashboard below, as plain JavaScript for a worker thread.
const POLL_IN_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const latencies = [];
  const until = Date.now() + workerData.ms;
  while (Date.now() < until) {
    const started = performance.now();
    const url = workerData.baseUrl + "/api/endpoints?from=" + (Date.now() - 3600000) + "&to=" + Date.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  parentPort.postMessage(latencies);
})();
`;

/**
 * pollDashboard on a thread of its own: the latencies are the server's, not those of a bench
 * process whose event loop is busy with hundreds of senders (and with answering their 429s).
 */
export function pollDashboardInWorker(baseUrl: string, ms: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(POLL_IN_WORKER, { eval: true, workerData: { baseUrl, ms } });
    worker.once("message", (latencies: number[]) => {
      resolve(latencies);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

/** GETs the dashboard API one request at a time (100 ms apart) for `ms`; each latency in ms. */
export async function pollDashboard(baseUrl: string, ms: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const started = performance.now();
    const response = await fetch(dashboardUrl(baseUrl));
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    await sleep(100);
  }
  return latencies;
}

/** Resident memory of a process, in MiB (Linux). */
/** Resident memory of a process and its child processes (`npm start`'s ingest child), in MiB. */
export function rssMiB(pid: number): number {
  const rss = (id: number | string) => {
    try {
      const line = readFileSync(`/proc/${id}/status`, "utf8")
        .split("\n")
        .find((l) => l.startsWith("VmRSS:"));
      return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
    } catch {
      return 0; // gone meanwhile
    }
  };
  let children: string[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  } catch {
    // no /proc children list: the process alone
  }
  return rss(pid) + children.reduce((sum, child) => sum + rss(child), 0);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
