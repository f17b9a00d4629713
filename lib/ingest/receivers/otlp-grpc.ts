// OTLP/gRPC receiver on OTLP_GRPC_PORT: opentelemetry.proto.collector.{trace,metrics}.v1 Export.
// Transport only, like otlp-http.ts: the methods pass the raw request bytes (pass-through
// deserializer) to the same TraceIngest / MetricIngest as OTLP/HTTP, and map errors to the status
// codes of the OTLP spec, with google.rpc.RetryInfo when the sender should come back later.
//
// Limits: grpc-js refuses a message over OTLP_GRPC_MAX_MESSAGE_BYTES with RESOURCE_EXHAUSTED before
// our code runs, and applies the same limit to the *decompressed* size of a gzip message (it stops
// inflating past it), so a gzip bomb costs at most that much memory. Bytes being decoded at once
// are capped by a ByteBudget, as for OTLP/HTTP.
import {
  type handleUnaryCall,
  Metadata,
  Server,
  ServerCredentials,
  type ServerErrorResponse,
  type ServiceDefinition,
  status,
} from "@grpc/grpc-js";
import type { IngestAdmission } from "@/lib/ingest/receivers/admission";
import type { AuthorizeIngest } from "@/lib/ingest/receivers/authorize";
import { encodeRetryStatus } from "@/lib/ingest/receivers/grpc-status";
import {
  classifyIngestError,
  type OnRefused,
  refusalReasonForRpc,
} from "@/lib/ingest/receivers/ingest-errors";
import { BudgetExhaustedError, ByteBudget } from "@/lib/ingest/receivers/read-body";
import { IngestUnavailableError } from "@/lib/ingest/shared/ingest-queue";
import type { PartialSuccess, SignalIngest } from "@/lib/ingest/shared/signal-ingest";
import { logger } from "@/lib/log/logger";
import { type ExportKind, encodeExportResponse } from "@/lib/otlp/encode-response";

const log = logger.child({ component: "otlp-grpc" });

export const TRACE_EXPORT_PATH = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
export const METRICS_EXPORT_PATH = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

/** While draining: the same wait as any 503 (lib/ingest/receivers/ingest-errors.ts). */
const SHUTTING_DOWN = new IngestUnavailableError("Tracewell is shutting down");
/** How long stop() lets in-flight exports finish before cancelling them. */
const DEFAULT_GRACE_MS = 10_000;

export interface OtlpGrpcOptions {
  traces: SignalIngest;
  metrics: SignalIngest;
  maxMessageBytes: number;
  /** The authorize step shared with OTLP/HTTP, given the call's `authorization` metadata. */
  authorize: AuthorizeIngest;
  /** shared with OTLP/HTTP: requests and bytes in flight */
  admission: IngestAdmission;
  /** told of every refused request and why (self-metrics) */
  onRefused?: OnRefused;
  /** given a reader of the bytes of requests being decoded (self-metrics) */
  watchInFlightBytes?: (bytes: () => number) => void;
}

export interface OtlpGrpcServer {
  port: number;
  /** Refuses new exports (UNAVAILABLE), lets in-flight ones finish, force-closes after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

class GrpcError extends Error {
  constructor(
    readonly code: status,
    message: string,
    readonly retryDelayMs?: number,
  ) {
    super(message);
  }
}

/** One unary Export method whose request and response stay raw bytes: our decoders read them. */
function exportService(path: string): ServiceDefinition {
  return {
    export: {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: (bytes: Buffer) => bytes,
      requestDeserialize: (bytes: Buffer) => bytes,
      responseSerialize: (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      responseDeserialize: (bytes: Buffer) => bytes,
    },
  };
}

export async function startOtlpGrpcServer(
  options: OtlpGrpcOptions,
  host: string,
  port: number,
): Promise<OtlpGrpcServer> {
  const server = new Server({ "grpc.max_receive_message_length": options.maxMessageBytes });
  // Room for a few maximum-size requests being decoded at once; beyond it senders retry later.
  const budget = new ByteBudget(4 * options.maxMessageBytes);
  options.watchInFlightBytes?.(() => budget.inUse);
  let draining = false;

  /** Checks, then ingests one request exactly as OTLP/HTTP does; resolves once it is committed. */
  const accept = async (
    body: Buffer,
    metadata: Metadata,
    ingest: SignalIngest,
  ): Promise<PartialSuccess | null> => {
    if (draining) throw SHUTTING_DOWN;
    const release = options.admission.admit(body.length);
    try {
      return await admitted(body, metadata, ingest);
    } finally {
      release();
    }
  };
  const admitted = async (
    body: Buffer,
    metadata: Metadata,
    ingest: SignalIngest,
  ): Promise<PartialSuccess | null> => {
    const authorization = metadata.get("authorization")[0];
    const principal = await options.authorize(typeof authorization === "string" ? authorization : undefined);
    if (!budget.tryTake(body.length)) {
      throw new BudgetExhaustedError("too many request bytes in flight; retry later");
    }
    try {
      return await ingest.ingest({ body, encoding: "protobuf", principal });
    } finally {
      budget.give(body.length);
    }
  };
  const exportMethod =
    (kind: ExportKind, ingest: SignalIngest): handleUnaryCall<Buffer, Uint8Array> =>
    (call, callback) => {
      accept(call.request, call.metadata, ingest)
        .then(
          (partial) => callback(null, encodeExportResponse("protobuf", partial, kind)),
          (error: unknown) => {
            const answer = toServiceError(error);
            options.onRefused?.(
              kind === "spans" ? "traces" : "metrics",
              refusalReasonForRpc(answer.code ?? 13),
            );
            callback(answer);
          },
        )
        // Answering cannot fail in practice; if it ever did, it must not take the process down.
        .catch((error: Error) => log.error({ err: error }, "could not answer an export"));
    };

  server.addService(exportService(TRACE_EXPORT_PATH), {
    export: exportMethod("spans", options.traces),
  });
  server.addService(exportService(METRICS_EXPORT_PATH), {
    export: exportMethod("dataPoints", options.metrics),
  });

  const address = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, actual) =>
      error ? reject(error) : resolve(actual),
    ),
  );

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = DEFAULT_GRACE_MS) => {
    stopping ??= new Promise<void>((resolve) => {
      draining = true;
      const force = setTimeout(() => {
        log.warn(`exports still running after ${graceMs} ms; cancelling them`);
        server.forceShutdown();
        resolve();
      }, graceMs);
      // Sends GOAWAY: no new calls, and resolves once the calls already running have answered.
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
    return stopping;
  };
  return { port: bound, stop };
}

function toServiceError(error: unknown): ServerErrorResponse {
  const failure = toGrpcError(error);
  if (failure.code === status.INTERNAL) log.error({ err: error }, "export failed");
  else log.debug({ code: failure.code }, `export refused: ${failure.message}`);
  const metadata = new Metadata();
  if (failure.retryDelayMs !== undefined) {
    metadata.set(
      "grpc-status-details-bin",
      encodeRetryStatus(failure.code, failure.message, failure.retryDelayMs),
    );
  }
  return Object.assign(new Error(failure.message), {
    code: failure.code,
    details: failure.message,
    metadata,
  });
}

function toGrpcError(error: unknown): GrpcError {
  if (error instanceof GrpcError) return error;
  const failure = classifyIngestError(error);
  // RpcCode and grpc-js's status enum are the same numbers (google.rpc.Code).
  return new GrpcError(
    failure.code as number as status,
    failure.message,
    failure.retryAfterSeconds === undefined ? undefined : failure.retryAfterSeconds * 1000,
  );
}
