// OTLP/HTTP receiver (POST /v1/traces, POST /v1/metrics), served on OTLP_HTTP_PORT and under /v1/*
// on PORT.
// Transport only: content negotiation, limits and status codes; storing is lib/ingest's job.
// Status codes and bodies follow the OTLP/HTTP spec: errors carry a google.rpc.Status in the
// request's encoding, and 429/503 carry Retry-After.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { IngestAdmission } from "@/lib/ingest/receivers/admission";
import type { AuthorizeIngest } from "@/lib/ingest/receivers/authorize";
import {
  classifyIngestError,
  type OnRefused,
  RpcCode,
  refusalReason,
} from "@/lib/ingest/receivers/ingest-errors";
import { type ByteBudget, discardBody, inflate, readBody } from "@/lib/ingest/receivers/read-body";
import type { OtlpEncoding, PartialSuccess, SignalIngest } from "@/lib/ingest/shared/signal-ingest";
import { logger } from "@/lib/log/logger";
import { type ExportKind, encodeExportResponse, encodeStatus } from "@/lib/otlp/encode-response";

export interface OtlpHttpOptions {
  traces: SignalIngest;
  metrics: SignalIngest;
  authorize: AuthorizeIngest;
  maxBodyBytes: number;
  maxDecompressedBytes: number;
  budget: ByteBudget;
  /** shared with OTLP/gRPC: requests and bytes in flight */
  admission: IngestAdmission;
  /** told of every refused request and why (self-metrics) */
  onRefused?: OnRefused;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Signal = { kind: ExportKind; ingest: SignalIngest };

const log = logger.child({ component: "otlp-http" });

export function createOtlpHttpHandler(options: OtlpHttpOptions) {
  const signals: Record<string, Signal> = {
    "/v1/traces": { kind: "spans", ingest: options.traces },
    "/v1/metrics": { kind: "dataPoints", ingest: options.metrics },
  };
  return async function handleOtlpHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let encoding: OtlpEncoding = "json";
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    let release: (() => void) | undefined;
    try {
      const signal = Object.hasOwn(signals, path) ? signals[path] : undefined;
      if (signal === undefined) {
        throw new HttpError(
          404,
          RpcCode.NOT_FOUND,
          `no OTLP endpoint at ${path}; traces go to POST /v1/traces, metrics to POST /v1/metrics`,
        );
      }
      if (request.method !== "POST") {
        throw new HttpError(405, RpcCode.INVALID_ARGUMENT, "use POST", { Allow: "POST" });
      }
      encoding = negotiateEncoding(request.headers["content-type"]);
      const contentEncoding = (request.headers["content-encoding"] ?? "").toLowerCase().trim();
      if (contentEncoding !== "" && contentEncoding !== "identity" && contentEncoding !== "gzip") {
        throw new HttpError(
          415,
          RpcCode.INVALID_ARGUMENT,
          `unsupported Content-Encoding "${contentEncoding}"; use gzip or none`,
        );
      }
      // Before the body is read: an unauthorised sender costs no body bytes.
      const principal = await options.authorize(request.headers.authorization);
      const declared = Number(request.headers["content-length"] ?? 0);
      release = options.admission.admit(Number.isFinite(declared) && declared > 0 ? declared : 0);
      const wire = await readBody(request, options.maxBodyBytes, options.budget);
      let partial: PartialSuccess | null;
      try {
        const body = await inflate(wire, contentEncoding, options.maxDecompressedBytes);
        partial = await signal.ingest.ingest({ body, encoding, principal });
      } finally {
        options.budget.give(wire.length);
      }
      send(response, 200, encoding, encodeExportResponse(encoding, partial, signal.kind));
    } catch (error) {
      const failure = toHttpError(error);
      options.onRefused?.(
        path === "/v1/traces" ? "traces" : path === "/v1/metrics" ? "metrics" : "unknown",
        refusalReason(failure.status),
      );
      // The request as logged is method, path and headers (credentials redacted), never its body.
      if (failure.status >= 500 && failure.status !== 503) {
        log.error({ err: error, req: request, status: failure.status }, "export failed");
      } else {
        log.debug({ req: request, status: failure.status }, `export refused: ${failure.message}`);
      }
      if (!request.complete && !(await discardBody(request, options.maxBodyBytes))) {
        // Still more than a full body's worth unread: answer, then close instead of reading on.
        response.setHeader("Connection", "close");
      }
      send(
        response,
        failure.status,
        encoding,
        encodeStatus(encoding, failure.code, failure.message),
        failure.headers,
      );
    } finally {
      release?.();
    }
  };
}

function negotiateEncoding(contentType: string | undefined): OtlpEncoding {
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType === "application/x-protobuf" || mediaType === "application/protobuf") return "protobuf";
  if (mediaType === "application/json") return "json";
  throw new HttpError(
    415,
    RpcCode.INVALID_ARGUMENT,
    `unsupported Content-Type "${contentType ?? ""}"; send application/x-protobuf or application/json`,
  );
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const failure = classifyIngestError(error);
  const headers: Record<string, string> =
    failure.retryAfterSeconds === undefined ? {} : { "Retry-After": String(failure.retryAfterSeconds) };
  if (failure.httpStatus === 401) headers["WWW-Authenticate"] = 'Bearer realm="tracewell-ingest"';
  return new HttpError(failure.httpStatus, failure.code, failure.message, headers);
}

function send(
  response: ServerResponse,
  status: number,
  encoding: OtlpEncoding,
  body: Uint8Array,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) return;
  response.writeHead(status, {
    ...headers,
    "Content-Type": encoding === "json" ? "application/json" : "application/x-protobuf",
    "Content-Length": String(body.byteLength),
  });
  response.end(body);
}
