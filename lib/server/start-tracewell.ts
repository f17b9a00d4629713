// Boots a Tracewell process with its roles (TRACEWELL_ROLES, default all three): the database
// (embedded unless DATABASE_URL is set) and migrations, then
//   web     the Next.js app on PORT (with /v1/* routed to OTLP when this process also ingests);
//   ingest  OTLP/HTTP on OTLP_HTTP_PORT and OTLP/gRPC on OTLP_GRPC_PORT;
//   worker  trace analysis and retention.
// Several processes with any roles can share one PostgreSQL (docs/architecture.md § Roles).
import http from "node:http";
import path from "node:path";
import next from "next";
import type { TracewellConfig } from "@/lib/config";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { closePool, getDb, getReadDb } from "@/lib/db/pool";
import { markDatabaseMigrated } from "@/lib/db/readiness";
import type { OtlpGrpcServer } from "@/lib/ingest/receivers/otlp-grpc";
import { loadBudgetsFile } from "@/lib/jobs/load-budgets-file";
import { logger } from "@/lib/log/logger";
import { compressed } from "@/lib/server/compress";
import { lowerBackendPriority, lowerOwnPriority } from "@/lib/server/cpu-priority";
import { createIngestAuthorizer, ensureFirstIngestKey } from "@/lib/server/ingest-auth";
import { createIngestRole } from "@/lib/server/ingest-role";
import { keptTracePageHandler } from "@/lib/server/kept-trace-page";
import { listen } from "@/lib/server/listen";
import { createSelfMetrics, wantsPrometheus } from "@/lib/server/self-metrics";
import { staticAssetHandler } from "@/lib/server/static-assets";
import { ensureAdmin, gatedHandler } from "@/lib/server/ui-auth";
import { startWorkerRole } from "@/lib/server/worker-role";

export interface RunningTracewell {
  /** null when a port's role is not run by this process */
  port: number | null;
  otlpHttpPort: number | null;
  otlpGrpcPort: number | null;
  stop(): Promise<void>;
}

/**
 * `say` prints the start banner: plain text for the person who started Tracewell (where the
 * dashboard and receivers listen, the next step, a first ingest key). Everything else goes to the
 * JSON log (lib/log/logger.ts).
 */
export interface StartOptions {
  /**
   * For a web process whose ingest runs in a child (lib/server/ingest-child.ts): the child's
   * OTLP/HTTP port, where /v1/* on PORT is forwarded (null while the child starts: 503)
   */
  forwardOtlpTo?: () => number | null;
  /** awaited on stop after the servers close and before the embedded database stops */
  beforeDatabaseStops?: () => Promise<void>;
}

export async function startTracewell(
  config: TracewellConfig,
  say: (line: string) => void = console.log,
  options: StartOptions = {},
): Promise<RunningTracewell> {
  // First, so that the instrumentation is in place before any server or pool is used. Loaded only
  // when asked for: the SDK is a large module graph.
  const selfTrace = config.selfTrace.enabled
    ? (await import("@/lib/server/self-trace")).startSelfTrace()
    : null;
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort });
  // Next's route handlers run in this process but load their own module copies; they find the
  // database through the environment.
  process.env.DATABASE_URL = config.databaseUrl ?? embedded?.url;
  const db = getDb();
  // After the embedded database has started: its postmaster must not inherit a lowered priority.
  if (config.admission.nice > 0 && !config.roles.has("web") && lowerOwnPriority(config.admission.nice)) {
    lowerBackendPriority(db.pool, config.admission.nice);
    logger.info(
      `INGEST_NICE=${config.admission.nice}: this process runs at a lower CPU priority than the dashboard`,
    );
  }

  const migrated = migrate(db.pool).then(
    (applied) => {
      if (applied.length > 0) logger.info(`Applied ${applied.length} migration(s)`);
      markDatabaseMigrated();
    },
    (error: Error) => {
      logger.fatal({ err: error }, "could not migrate the database");
      throw error;
    },
  );

  const selfMetrics = createSelfMetrics(db, { analysis: config.roles.has("worker") });
  const ingest = config.roles.has("ingest")
    ? createIngestRole(db, config, createIngestAuthorizer(db, config), selfMetrics)
    : null;
  const tracedOtlpHttp =
    ingest && selfTrace ? selfTrace.traceOtlpRequests(ingest.handleOtlpHttp) : ingest?.handleOtlpHttp;
  // GET /metrics on the OTLP/HTTP port: Tracewell's own metrics, whatever the process's roles.
  const handleOtlpHttp =
    tracedOtlpHttp &&
    ((request: http.IncomingMessage, response: http.ServerResponse) =>
      request.method === "GET" && (request.url ?? "").split("?")[0] === "/metrics"
        ? selfMetrics.serve(response)
        : tracedOtlpHttp(request, response));
  const servers: http.Server[] = [];
  let port: number | null = null;
  // for the banner: this process's dashboard, or the parent's when this is its ingest child
  const dashboardPort = () => port ?? config.ingestChild?.dashboardPort ?? null;
  let otlpHttpPort: number | null = null;
  let app: ReturnType<typeof next> | null = null;

  if (config.roles.has("web")) {
    app = next({ dev: false, dir: process.cwd() });
    await app.prepare();
    const handleNext = app.getRequestHandler();
    const servePrometheusGated = gatedHandler(db, config.uiAuth.mode, (_, response) =>
      selfMetrics.serve(response),
    );
    const serveKeptTracePage = keptTracePageHandler(
      { primary: db, read: getReadDb() },
      {
        uiAuth: config.uiAuth.mode,
        maxSpans: config.tracePageMaxSpans,
        keepMinSpans: config.tracePageKeepMinSpans,
      },
    );
    const compressedNext = compressed((request, response) => void handleNext(request, response));
    const serveStaticAsset = staticAssetHandler(path.join(process.cwd(), ".next", "static"));
    const timedNext = selfMetrics.timeHttp((request, response) => {
      if (serveStaticAsset(request, response)) return;
      if (!request.url?.startsWith("/api/traces/")) compressedNext(request, response);
      else
        void serveKeptTracePage(request, response).then((served) => {
          if (!served) compressedNext(request, response);
        });
    });
    const web = http.createServer((request, response) => {
      // The login rate limit's per-address count (lib/api/session-cookie.ts): the socket's
      // address, overwriting whatever a client sent under that name.
      request.headers["x-tracewell-client-address"] = request.socket.remoteAddress ?? "unknown";
      if (handleOtlpHttp && request.url?.startsWith("/v1/")) void handleOtlpHttp(request, response);
      else if (options.forwardOtlpTo && request.url?.startsWith("/v1/")) {
        forwardOtlp(request, response, options.forwardOtlpTo(), loopbackOr(config.host));
      }
      // The /metrics page for browsers; Prometheus text for Prometheus, curl and the like, behind
      // the same access gate as the app (a read-only API token or a session).
      else if (wantsPrometheus(request)) void servePrometheusGated(request, response);
      else {
        ingest?.noteDashboardRequest();
        timedNext(request, response);
      }
    });
    servers.push(web);
    port = await listen(web, config.port, config.host, "PORT");
    say(`Tracewell dashboard on http://localhost:${port}`);
  }
  if (handleOtlpHttp) {
    const otlp = http.createServer((request, response) => void handleOtlpHttp(request, response));
    servers.push(otlp);
    otlpHttpPort = await listen(otlp, config.otlpHttpPort, config.host, "OTLP_HTTP_PORT");
    const alsoOnWeb = dashboardPort() === null ? "" : ` (also under :${dashboardPort()}/v1/*)`;
    say(`OTLP/HTTP receiver on http://localhost:${otlpHttpPort}${alsoOnWeb}`);
  }
  if (selfTrace) {
    // this process's receiver, or with ingest in a child its /v1/* forwarding on PORT
    const ownPort = otlpHttpPort ?? (options.forwardOtlpTo ? port : null);
    const own = ownPort === null ? null : `http://${loopbackOr(config.host)}:${ownPort}`;
    const target = config.selfTrace.endpoint ?? own;
    if (target === null) {
      logger.warn(
        "SELF_TRACE: this process does not ingest (TRACEWELL_ROLES); set SELF_TRACE_ENDPOINT to send its spans",
      );
    } else {
      selfTrace.exportTo(target);
      say(`SELF_TRACE: tracing Tracewell's own API and ingest to ${target}`);
    }
  }
  // Served already (health answers 503, ingest 503 + Retry-After) while migrations run, e.g.
  // while another process holds the migration lock; start-up completes once they are done.
  await migrated;
  // An ingest child's parent has loaded the file already (the same database).
  if (config.budgets.file && !config.ingestChild) {
    const count = await loadBudgetsFile(db, config.budgets.file);
    say(`Loaded ${count} budget(s) from BUDGETS_FILE ${config.budgets.file}`);
  }
  if (ingest) await ensureFirstIngestKey(db, config, say);
  if (port !== null) await ensureAdmin(db, config, `http://localhost:${port}`, say);
  const worker = config.roles.has("worker") ? startWorkerRole(db, config) : null;
  let grpc: OtlpGrpcServer | null = null;
  if (ingest) {
    grpc = await ingest.startGrpc();
    say(`OTLP/gRPC receiver on localhost:${grpc.port} (TraceService/Export, MetricsService/Export)`);
  }
  if (otlpHttpPort !== null) {
    // The base endpoint: SDKs append /v1/traces themselves, so ".../v1/traces" here would 404.
    say(
      `Next step: start a service with OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:${otlpHttpPort}` +
        (config.ingestAuth.mode === "keys" ? " and its ingest key in OTEL_EXPORTER_OTLP_HEADERS" : "") +
        (dashboardPort() === null ? "" : `, then open http://localhost:${dashboardPort()}`),
    );
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Stop taking requests, let in-flight exports commit, then release the database.
      // While the receiver still takes them: the last spans of Tracewell's own requests.
      await selfTrace?.stop();
      const closed = Promise.all(servers.map(close));
      // gRPC first: its in-flight exports are answered once committed, while the queues still run.
      await grpc?.stop();
      await ingest?.drain();
      for (const server of servers) server.closeIdleConnections();
      await closed;
      await app?.close?.();
      await worker?.stop();
      await options.beforeDatabaseStops?.();
      await closePool();
      await embedded?.stop();
    })();
    return stopping;
  };
  return { port, otlpHttpPort, otlpGrpcPort: grpc?.port ?? null, stop };
}

/** /v1/* on PORT, passed on to the ingest child's OTLP/HTTP receiver as it came. */
function forwardOtlp(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  port: number | null,
  host: string,
): void {
  const unavailable = () => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.writeHead(503, { "Content-Type": "text/plain", "Retry-After": "1" });
    response.end("the OTLP receiver is starting: retry in a second\n");
  };
  if (port === null) {
    unavailable();
    return;
  }
  const upstream = http.request(
    { host, port, method: request.method, path: request.url, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on("error", unavailable);
  request.pipe(upstream);
}

function loopbackOr(host: string): string {
  return host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
