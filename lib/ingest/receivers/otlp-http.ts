// OTLP/HTTP receiver (POST /v1/traces, POST /v1/metrics), served on OTLP_HTTP_PORT and under /v1/*
// on PORT.
// Transport only: content negotiation, limits and status codes; storing is lib/ingest's job.
// Status codes and bodies follow the OTLP/HTTP spec: errors carry a google.rpc.Status in the
// request's encoding, and 429/503 carry Retry-After.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { MetricIngest } from "@/lib/ingest/metrics/ingest-metrics";
import {
  BudgetExhaustedError,
  type ByteBudget,
  discardBody,
  inflate,
  PayloadTooLargeError,
  readBody,
} from "@/lib/ingest/receivers/read-body";
import { IngestSaturatedError, IngestUnavailableError } from "@/lib/ingest/shared/ingest-queue";
import type { OtlpEncoding, PartialSuccess, TraceIngest } from "@/lib/ingest/traces/ingest-traces";
import { type ExportKind, encodeExportResponse, encodeStatus } from "@/lib/otlp/encode-response";
import { OtlpDecodeError } from "@/lib/otlp/types";

export interface OtlpHttpOptions {
  traces: TraceIngest;
  metrics: MetricIngest;
  maxBodyBytes: number;
  maxDecompressedBytes: number;
  budget: ByteBudget;
  log?: (line: string) => void;
}

/** google.rpc.Code values used in Status bodies. */
const Code = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
};

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

type Signal = {
  kind: ExportKind;
  ingest: (body: Uint8Array, encoding: OtlpEncoding) => Promise<PartialSuccess | null>;
};

export function createOtlpHttpHandler(options: OtlpHttpOptions) {
  const signals: Record<string, Signal> = {
    "/v1/traces": { kind: "spans", ingest: (body, encoding) => options.traces.ingest(body, encoding) },
    "/v1/metrics": { kind: "dataPoints", ingest: (body, encoding) => options.metrics.ingest(body, encoding) },
  };
  return async function handleOtlpHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let encoding: OtlpEncoding = "json";
    try {
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      const signal = Object.hasOwn(signals, path) ? signals[path] : undefined;
      if (signal === undefined) {
        throw new HttpError(
          404,
          Code.NOT_FOUND,
          `no OTLP endpoint at ${path}; traces go to POST /v1/traces, metrics to POST /v1/metrics`,
        );
      }
      if (request.method !== "POST") {
        throw new HttpError(405, Code.INVALID_ARGUMENT, "use POST", { Allow: "POST" });
      }
      encoding = negotiateEncoding(request.headers["content-type"]);
      const contentEncoding = (request.headers["content-encoding"] ?? "").toLowerCase().trim();
      if (contentEncoding !== "" && contentEncoding !== "identity" && contentEncoding !== "gzip") {
        throw new HttpError(
          415,
          Code.INVALID_ARGUMENT,
          `unsupported Content-Encoding "${contentEncoding}"; use gzip or none`,
        );
      }
      const wire = await readBody(request, options.maxBodyBytes, options.budget);
      let partial: PartialSuccess | null;
      try {
        const body = await inflate(wire, contentEncoding, options.maxDecompressedBytes);
        partial = await signal.ingest(body, encoding);
      } finally {
        options.budget.give(wire.length);
      }
      send(response, 200, encoding, encodeExportResponse(encoding, partial, signal.kind));
    } catch (error) {
      const failure = toHttpError(error);
      if (failure.status >= 500 && failure.status !== 503)
        options.log?.(`otlp/http: ${(error as Error).stack}`);
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
    }
  };
}

function negotiateEncoding(contentType: string | undefined): OtlpEncoding {
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType === "application/x-protobuf" || mediaType === "application/protobuf") return "protobuf";
  if (mediaType === "application/json") return "json";
  throw new HttpError(
    415,
    Code.INVALID_ARGUMENT,
    `unsupported Content-Type "${contentType ?? ""}"; send application/x-protobuf or application/json`,
  );
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof OtlpDecodeError)
    return new HttpError(400, Code.INVALID_ARGUMENT, `malformed OTLP request: ${message}`);
  if (error instanceof PayloadTooLargeError) return new HttpError(413, Code.INVALID_ARGUMENT, message);
  if (error instanceof IngestSaturatedError || error instanceof BudgetExhaustedError) {
    return new HttpError(429, Code.RESOURCE_EXHAUSTED, message, { "Retry-After": "1" });
  }
  if (error instanceof IngestUnavailableError) {
    return new HttpError(503, Code.UNAVAILABLE, message, { "Retry-After": "5" });
  }
  return new HttpError(500, Code.INTERNAL, "internal error while storing the data; see the server log");
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
