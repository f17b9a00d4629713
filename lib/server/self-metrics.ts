// Tracewell's own metrics, in Prometheus text format (prom-client), served as `GET /metrics` on the
// OTLP/HTTP port and on PORT to non-browser clients (docs/operations.md). The floors below only
// offer plain callbacks (onCommit, onStored, onRefused) and read-only gauges (queue depth, budget
// bytes, pool counts); this file, on the floor that wires a process together, turns them into
// metrics, so prom-client stays out of lib/ingest.
import type http from "node:http";
import type pg from "pg";
import client from "prom-client";
import { analysisLagSeconds } from "@/lib/analysis/analysis-lag";
import type { PoolDb } from "@/lib/db/sql";
import type { OnRefused } from "@/lib/ingest/receivers/ingest-errors";

export type Signal = "traces" | "metrics";

export interface SelfMetrics {
  readonly registry: client.Registry;
  /** ingest hooks, per signal */
  onStored(signal: Signal): (accepted: number, rejected: number) => void;
  onCommit(signal: Signal): (rows: number, seconds: number) => void;
  onRefused(transport: "http" | "grpc"): OnRefused;
  /** gauges read at scrape time */
  watchQueue(signal: Signal, depth: () => number): void;
  watchInFlightBytes(transport: "http" | "grpc", bytes: () => number): void;
  watchAdmissionLimit(limit: () => number): void;
  /** wraps a dashboard request handler to time it per route */
  timeHttp(
    handler: (request: http.IncomingMessage, response: http.ServerResponse) => void,
  ): (request: http.IncomingMessage, response: http.ServerResponse) => void;
  /** answers GET /metrics */
  serve(response: http.ServerResponse): Promise<void>;
}

export function createSelfMetrics(db: PoolDb, options: { analysis: boolean }): SelfMetrics {
  const registry = new client.Registry();
  // Process RSS, heap, event-loop lag, GC: the figures an overload shows up in first.
  client.collectDefaultMetrics({ register: registry });

  const received = new client.Counter({
    name: "tracewell_ingest_received_total",
    help: "Spans / data points in export requests that were decoded (accepted + rejected as invalid)",
    labelNames: ["signal"],
    registers: [registry],
  });
  const accepted = new client.Counter({
    name: "tracewell_ingest_accepted_total",
    help: "Spans / data points committed to the database",
    labelNames: ["signal"],
    registers: [registry],
  });
  const rejected = new client.Counter({
    name: "tracewell_ingest_rejected_total",
    help: "Spans / data points dropped as invalid from accepted requests (OTLP partial_success)",
    labelNames: ["signal"],
    registers: [registry],
  });
  const refused = new client.Counter({
    name: "tracewell_ingest_refused_requests_total",
    help: "Export requests refused, by transport, signal and reason (malformed, unauthenticated, too_large, unsupported_encoding, overloaded, unavailable, wrong_endpoint, internal)",
    labelNames: ["transport", "signal", "reason"],
    registers: [registry],
  });
  const batchRows = new client.Histogram({
    name: "tracewell_ingest_batch_rows",
    help: "Rows per group-commit transaction",
    labelNames: ["signal"],
    buckets: [1, 10, 50, 100, 500, 1_000, 2_000, 5_000, 10_000, 20_000],
    registers: [registry],
  });
  const commitSeconds = new client.Histogram({
    name: "tracewell_ingest_commit_seconds",
    help: "Time to write and commit one group-commit transaction",
    labelNames: ["signal"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const queues = new Map<Signal, () => number>();
  new client.Gauge({
    name: "tracewell_ingest_queue_rows",
    help: "Spans / data points accepted but not yet committed (INGEST_MAX_QUEUED_SPANS bounds it)",
    labelNames: ["signal"],
    registers: [registry],
    collect() {
      for (const [signal, depth] of queues) this.set({ signal }, depth());
    },
  });
  const budgets = new Map<"http" | "grpc", () => number>();
  new client.Gauge({
    name: "tracewell_ingest_inflight_bytes",
    help: "Bytes of export requests being read or decoded right now",
    labelNames: ["transport"],
    registers: [registry],
    collect() {
      for (const [transport, bytes] of budgets) this.set({ transport }, bytes());
    },
  });
  let admissionLimit: (() => number) | undefined;
  new client.Gauge({
    name: "tracewell_ingest_admission_limit",
    help: "Export requests admitted at once right now: INGEST_MAX_INFLIGHT_REQUESTS, lower while ingest yields to the dashboard (INGEST_YIELD_EVENT_LOOP_DELAY_MS)",
    registers: [registry],
    collect() {
      if (admissionLimit) this.set(admissionLimit());
    },
  });
  const pool: pg.Pool = db.pool;
  new client.Gauge({
    name: "tracewell_db_pool_connections",
    help: "PostgreSQL connections of this process's pool, by state (total, idle, waiting = queries waiting for a connection)",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      this.set({ state: "total" }, pool.totalCount);
      this.set({ state: "idle" }, pool.idleCount);
      this.set({ state: "waiting" }, pool.waitingCount);
    },
  });
  if (options.analysis) {
    new client.Gauge({
      name: "tracewell_analysis_lag_seconds",
      help: "Age of the oldest trace waiting for analysis (cache attribution, detectors), since its last span arrived",
      registers: [registry],
      async collect() {
        try {
          this.set(await analysisLagSeconds(db));
        } catch {
          // The database is away: leave the gauge out of this scrape rather than fail it.
          this.reset();
        }
      },
    });
  }
  const httpSeconds = new client.Histogram({
    name: "tracewell_http_request_duration_seconds",
    help: "Dashboard and API requests on PORT, by route (ids replaced by {id}), method and status",
    labelNames: ["route", "method", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  return {
    registry,
    onStored: (signal) => (rows, invalid) => {
      received.inc({ signal }, rows + invalid);
      accepted.inc({ signal }, rows);
      if (invalid > 0) rejected.inc({ signal }, invalid);
    },
    onCommit: (signal) => (rows, seconds) => {
      batchRows.observe({ signal }, rows);
      commitSeconds.observe({ signal }, seconds);
    },
    onRefused: (transport) => (signal, reason) => refused.inc({ transport, signal, reason }),
    watchQueue: (signal, depth) => void queues.set(signal, depth),
    watchInFlightBytes: (transport, bytes) => void budgets.set(transport, bytes),
    watchAdmissionLimit: (limit) => {
      admissionLimit = limit;
    },
    timeHttp: (handler) => (request, response) => {
      const started = performance.now();
      response.once("finish", () => {
        httpSeconds.observe(
          {
            // Unknown paths (scanners, typos) share one label, so the series stay bounded.
            route: response.statusCode === 404 ? "(unmatched)" : routeOf(request.url ?? "/"),
            method: request.method ?? "GET",
            status: String(response.statusCode),
          },
          (performance.now() - started) / 1000,
        );
      });
      handler(request, response);
    },
    serve: async (response) => {
      const body = await registry.metrics();
      response.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
      response.end(body);
    },
  };
}

/** Whether a request on PORT asks for the Prometheus text rather than the /metrics page. */
export function wantsPrometheus(request: http.IncomingMessage): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const [path, query = ""] = (request.url ?? "").split("?");
  if (path !== "/metrics") return false;
  // The app's own client navigation and prefetches of the /metrics page (React Server Component
  // requests: an `RSC` header, `_rsc` in the query) are the page's, whatever they accept.
  if (request.headers.rsc !== undefined || request.headers["next-router-prefetch"] !== undefined)
    return false;
  if (/(^|&)_rsc=/.test(query)) return false;
  // Browsers ask for text/html and get the metrics explorer page; Prometheus and curl don't.
  return !(request.headers.accept ?? "").includes("text/html");
}

/**
 * A bounded route label: page assets collapse into one, ids (hex, numbers, uuids) become {id}, so
 * a scrape never grows with the number of traces opened.
 */
export function routeOf(url: string): string {
  const path = url.split("?")[0] ?? "/";
  if (path.startsWith("/_next/")) return "/_next/*";
  return (
    path
      .split("/")
      .map((part) =>
        /^[0-9a-f]{16,}$/i.test(part) || /^\d+$/.test(part) || /^[0-9a-f-]{36}$/i.test(part) ? "{id}" : part,
      )
      .slice(0, 6)
      .join("/") || "/"
  );
}
