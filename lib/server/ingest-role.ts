// The ingest role: span and metric queues over their stores, the OTLP/HTTP handler and listener,
// and the OTLP/gRPC server. Rollups are handed to the span store as sinks here, so lib/ingest never
// imports the floors above it.
import type http from "node:http";
import type pg from "pg";
import type { TracewellConfig } from "@/lib/config";
import type { PoolDb } from "@/lib/db/sql";
import { createMetricIngest } from "@/lib/ingest/metrics/ingest-metrics";
import { MetricPointStore } from "@/lib/ingest/metrics/store-metric-points";
import { IngestAdmission } from "@/lib/ingest/receivers/admission";
import { type AuthorizeIngest, allowAllIngest } from "@/lib/ingest/receivers/authorize";
import { EventLoopYield } from "@/lib/ingest/receivers/event-loop-yield";
import { type OtlpGrpcServer, startOtlpGrpcServer } from "@/lib/ingest/receivers/otlp-grpc";
import { createOtlpHttpHandler } from "@/lib/ingest/receivers/otlp-http";
import { ByteBudget } from "@/lib/ingest/receivers/read-body";
import { DayPartitions, SpanPartitions } from "@/lib/ingest/shared/day-partitions";
import { IngestQueue } from "@/lib/ingest/shared/ingest-queue";
import { createTraceIngest } from "@/lib/ingest/traces/ingest-traces";
import { SpanStore } from "@/lib/ingest/traces/store-spans";
import { upsertCacheSpanRollups } from "@/lib/rollups/upsert-cache-span-rollups";
import { upsertEndpointRollups } from "@/lib/rollups/upsert-endpoint-rollups";
import type { SelfMetrics } from "@/lib/server/self-metrics";

export interface IngestRole {
  handleOtlpHttp: (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>;
  startGrpc(): Promise<OtlpGrpcServer>;
  /** let accepted exports commit, then stop taking new ones */
  drain(): Promise<void>;
  /** the web role served a page or API request: ingest yields to the dashboard for a while */
  noteDashboardRequest(): void;
}

/** The span store as ingest runs it: spans and traces, then the rollups derived from them. */
export function createSpanStore(pool: pg.Pool): SpanStore {
  return new SpanStore(pool, new SpanPartitions(), [upsertEndpointRollups, upsertCacheSpanRollups]);
}

export function createIngestRole(
  db: PoolDb,
  config: TracewellConfig,
  authorize: AuthorizeIngest = allowAllIngest,
  selfMetrics?: SelfMetrics,
): IngestRole {
  const spanStore = createSpanStore(db.pool);
  const spanQueue = new IngestQueue(spanStore, {
    ...config.ingest,
    onCommit: selfMetrics?.onCommit("traces"),
  });
  // Metrics have their own queue (same limits and semantics) so neither signal can starve the other.
  const metricStore = new MetricPointStore(db.pool, new DayPartitions("metric_points"));
  const metricQueue = new IngestQueue(metricStore, {
    ...config.ingest,
    rowNoun: "data points",
    onCommit: selfMetrics?.onCommit("metrics"),
  });
  const traces = createTraceIngest(spanQueue, config.ingest, selfMetrics?.onStored("traces"));
  const metrics = createMetricIngest(metricQueue, config.ingest, selfMetrics?.onStored("metrics"));
  selfMetrics?.watchQueue("traces", () => spanQueue.depth);
  selfMetrics?.watchQueue("metrics", () => metricQueue.depth);
  // Room for a few maximum-size requests at once; beyond it senders get 429 and retry.
  const httpBudget = new ByteBudget(4 * config.limits.maxBodyBytes);
  selfMetrics?.watchInFlightBytes("http", () => httpBudget.inUse);
  // One gate for both transports: a flood over either one fills it. Where this process also serves
  // the dashboard, the gate narrows while the event loop is slow, so the dashboard stays usable.
  const yielding =
    config.roles.has("web") && config.admission.yieldEventLoopDelayMs > 0
      ? new EventLoopYield({
          targetDelayMs: config.admission.yieldEventLoopDelayMs,
          max: config.admission.maxRequests,
        })
      : undefined;
  const admission = new IngestAdmission(config.admission, yielding);
  selfMetrics?.watchAdmissionLimit(() =>
    Math.min(config.admission.maxRequests, yielding?.limit ?? config.admission.maxRequests),
  );
  const handleOtlpHttp = createOtlpHttpHandler({
    traces,
    metrics,
    authorize,
    maxBodyBytes: config.limits.maxBodyBytes,
    maxDecompressedBytes: config.limits.maxDecompressedBytes,
    budget: httpBudget,
    admission,
    onRefused: selfMetrics?.onRefused("http"),
  });
  return {
    handleOtlpHttp,
    startGrpc: () =>
      startOtlpGrpcServer(
        {
          traces,
          metrics,
          authorize,
          admission,
          maxMessageBytes: config.limits.maxGrpcMessageBytes,
          onRefused: selfMetrics?.onRefused("grpc"),
          watchInFlightBytes: selfMetrics
            ? (bytes) => selfMetrics.watchInFlightBytes("grpc", bytes)
            : undefined,
        },
        config.host,
        config.otlpGrpcPort,
      ).catch((error: Error) => {
        // grpc-js reports a taken port as "No address added out of total 1 resolved".
        throw new Error(
          `Could not listen for OTLP/gRPC on ${config.host}:${config.otlpGrpcPort} (OTLP_GRPC_PORT): ${error.message}. ` +
            `If another process holds the port, stop it or set OTLP_GRPC_PORT to a free port, e.g. OTLP_GRPC_PORT=${config.otlpGrpcPort + 1}.`,
        );
      }),
    noteDashboardRequest: () => yielding?.noteDashboardRequest(),
    drain: async () => {
      yielding?.stop();
      await Promise.all([spanQueue.close(), metricQueue.close()]);
    },
  };
}
