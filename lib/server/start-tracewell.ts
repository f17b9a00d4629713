// Boots a whole Tracewell process: database (embedded unless DATABASE_URL is set), migrations,
// the ingest pipeline, the Next.js app on PORT (with /v1/* routed to OTLP) and the OTLP ports.
import http from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { startCacheAttribution } from "@/lib/cache/cache-attribution-worker";
import type { TracewellConfig } from "@/lib/config";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { closePool, getPool } from "@/lib/db/pool";
import { markDatabaseMigrated } from "@/lib/db/readiness";
import { MetricIngest } from "@/lib/ingest/ingest-metrics";
import { IngestQueue } from "@/lib/ingest/ingest-queue";
import { TraceIngest } from "@/lib/ingest/ingest-traces";
import { DayPartitions, SpanPartitions } from "@/lib/ingest/span-partitions";
import { MetricPointStore } from "@/lib/ingest/store-metric-points";
import { SpanStore } from "@/lib/ingest/store-spans";
import { startOtlpGrpcServer } from "@/lib/receivers/otlp-grpc";
import { createOtlpHttpHandler } from "@/lib/receivers/otlp-http";
import { ByteBudget } from "@/lib/receivers/read-body";
import { applyRetention } from "@/lib/retention/apply-retention";

export interface RunningTracewell {
  port: number;
  otlpHttpPort: number;
  otlpGrpcPort: number;
  stop(): Promise<void>;
}

export async function startTracewell(
  config: TracewellConfig,
  log: (line: string) => void = console.log,
): Promise<RunningTracewell> {
  // First, so that the instrumentation is in place before any server or pool is used. Loaded only
  // when asked for: the SDK is a large module graph.
  const selfTrace = config.selfTrace.enabled
    ? (await import("@/lib/server/self-trace")).startSelfTrace()
    : null;
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, log });
  // Next's route handlers run in this process but load their own module copies; they find the
  // database through the environment.
  process.env.DATABASE_URL = config.databaseUrl ?? embedded?.url;
  const pool = getPool();

  const migrated = migrate(pool, { log }).then(
    (applied) => {
      if (applied.length > 0) log(`Applied ${applied.length} migration(s)`);
      markDatabaseMigrated();
    },
    (error: Error) => {
      log(`Could not migrate the database: ${error.message}`);
      throw error;
    },
  );

  const queue = new IngestQueue(new SpanStore(pool, new SpanPartitions()), config.ingest);
  const traces = new TraceIngest(queue, config.ingest);
  // Metrics have their own queue (same limits and semantics) so neither signal can starve the other.
  const metricQueue = new IngestQueue(new MetricPointStore(pool, new DayPartitions("metric_points")), {
    ...config.ingest,
    rowNoun: "data points",
  });
  const metrics = new MetricIngest(metricQueue, config.ingest);
  const otlpHandler = createOtlpHttpHandler({
    traces,
    metrics,
    maxBodyBytes: config.limits.maxBodyBytes,
    maxDecompressedBytes: config.limits.maxDecompressedBytes,
    // Room for a few maximum-size requests at once; beyond it senders get 429 and retry.
    budget: new ByteBudget(4 * config.limits.maxBodyBytes),
    log,
  });
  const otlpHttp = selfTrace ? selfTrace.traceOtlpRequests(otlpHandler) : otlpHandler;

  const app = next({ dev: false, dir: process.cwd() });
  await app.prepare();
  const handleNext = app.getRequestHandler();

  const web = http.createServer((request, response) => {
    if (request.url?.startsWith("/v1/")) void otlpHttp(request, response);
    else void handleNext(request, response);
  });
  const otlp = http.createServer((request, response) => void otlpHttp(request, response));
  const port = await listen(web, config.port, config.host);
  const otlpHttpPort = await listen(otlp, config.otlpHttpPort, config.host);
  log(`Tracewell dashboard on http://localhost:${port}`);
  log(`OTLP/HTTP receiver on http://localhost:${otlpHttpPort}/v1/traces (also under :${port}/v1/traces)`);
  if (selfTrace) {
    const target = config.selfTrace.endpoint ?? `http://${loopbackOr(config.host)}:${otlpHttpPort}`;
    selfTrace.exportTo(target);
    log(`SELF_TRACE: tracing Tracewell's own API and ingest to ${target}`);
  }
  // Served already (health answers 503, ingest 503 + Retry-After) while migrations run, e.g.
  // while another process holds the migration lock; start-up completes once they are done.
  await migrated;
  const cacheAttribution = startCacheAttribution(pool, { quietMs: config.cache.attributionDelayMs, log });
  const otlpGrpc = await startOtlpGrpcServer(
    { traces, metrics, maxMessageBytes: config.limits.maxGrpcMessageBytes, log },
    config.host,
    config.otlpGrpcPort,
  );
  log(`OTLP/gRPC receiver on localhost:${otlpGrpc.port} (TraceService/Export, MetricsService/Export)`);

  const expire = () =>
    applyRetention(pool, config.retention).then(
      (result) => {
        if (result && result.droppedPartitions.length > 0)
          log(`Retention: dropped ${result.droppedPartitions.join(", ")}`);
      },
      (error: Error) => log(`Retention failed (will retry within the hour): ${error.message}`),
    );
  void expire();
  const retentionTimer = setInterval(expire, 3_600_000);
  retentionTimer.unref();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Stop taking requests, let in-flight exports commit, then release the database.
      clearInterval(retentionTimer);
      // While the receiver still takes them: the last spans of Tracewell's own requests.
      await selfTrace?.stop();
      const closed = Promise.all([close(web), close(otlp)]);
      // gRPC first: its in-flight exports are answered once committed, while the queues still run.
      await otlpGrpc.stop();
      await Promise.all([queue.close(), metricQueue.close()]);
      web.closeIdleConnections();
      otlp.closeIdleConnections();
      await closed;
      await app.close?.();
      await cacheAttribution.stop();
      await closePool();
      await embedded?.stop();
    })();
    return stopping;
  };
  return { port, otlpHttpPort, otlpGrpcPort: otlpGrpc.port, stop };
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function loopbackOr(host: string): string {
  return host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
