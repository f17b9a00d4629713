// One table from ingest errors to what each transport answers: the HTTP status, the gRPC /
// google.rpc status code (the same numbers), and how long the sender should wait before retrying
// (HTTP Retry-After, gRPC RetryInfo). Both receivers use it, so they cannot drift apart.

import { InflightLimitError } from "@/lib/ingest/receivers/admission";
import { IngestUnauthorizedError } from "@/lib/ingest/receivers/authorize";
import { BudgetExhaustedError, PayloadTooLargeError } from "@/lib/ingest/receivers/read-body";
import { IngestSaturatedError, IngestUnavailableError } from "@/lib/ingest/shared/ingest-queue";
import { OtlpDecodeError } from "@/lib/otlp/types";

/** google.rpc.Code, numerically the gRPC status codes. */
export const RpcCode = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;
export type RpcCode = (typeof RpcCode)[keyof typeof RpcCode];

export interface IngestFailure {
  httpStatus: number;
  code: RpcCode;
  /** shown to the sender: says what to change */
  message: string;
  /** set when the sender should retry later */
  retryAfterSeconds?: number;
  /** an unexpected failure: log its stack */
  internal: boolean;
}

type Rule = [
  match: (error: unknown) => boolean,
  answer: Omit<IngestFailure, "message" | "internal">,
  message?: (text: string) => string,
];

const RULES: Rule[] = [
  [
    (e) => e instanceof OtlpDecodeError,
    { httpStatus: 400, code: RpcCode.INVALID_ARGUMENT },
    (m) => `malformed OTLP request: ${m}`,
  ],
  [(e) => e instanceof IngestUnauthorizedError, { httpStatus: 401, code: RpcCode.UNAUTHENTICATED }],
  [(e) => e instanceof PayloadTooLargeError, { httpStatus: 413, code: RpcCode.INVALID_ARGUMENT }],
  [
    (e) =>
      e instanceof IngestSaturatedError ||
      e instanceof BudgetExhaustedError ||
      e instanceof InflightLimitError,
    { httpStatus: 429, code: RpcCode.RESOURCE_EXHAUSTED, retryAfterSeconds: 1 },
  ],
  [
    (e) => e instanceof IngestUnavailableError,
    { httpStatus: 503, code: RpcCode.UNAVAILABLE, retryAfterSeconds: 5 },
  ],
];

/** Told of every refused export request (self-metrics): which signal, and `refusalReason`. */
export type OnRefused = (signal: "traces" | "metrics" | "unknown", reason: string) => void;

/** A short label for why a request was refused, by its HTTP status (self-metrics). */
export function refusalReason(httpStatus: number): string {
  switch (httpStatus) {
    case 400:
      return "malformed";
    case 401:
      return "unauthenticated";
    case 404:
    case 405:
      return "wrong_endpoint";
    case 413:
      return "too_large";
    case 415:
      return "unsupported_encoding";
    case 429:
      return "overloaded";
    case 503:
      return "unavailable";
    default:
      return httpStatus >= 500 ? "internal" : "other";
  }
}

/** The same labels for a gRPC status code. */
export function refusalReasonForRpc(code: number): string {
  const httpStatus: Record<number, number> = {
    [RpcCode.INVALID_ARGUMENT]: 400,
    [RpcCode.UNAUTHENTICATED]: 401,
    [RpcCode.NOT_FOUND]: 404,
    [RpcCode.UNIMPLEMENTED]: 404,
    [RpcCode.RESOURCE_EXHAUSTED]: 429,
    [RpcCode.UNAVAILABLE]: 503,
  };
  return refusalReason(httpStatus[code] ?? 500);
}

export function classifyIngestError(error: unknown): IngestFailure {
  const text = error instanceof Error ? error.message : String(error);
  for (const [match, answer, message] of RULES) {
    if (match(error)) return { ...answer, message: message ? message(text) : text, internal: false };
  }
  return {
    httpStatus: 500,
    code: RpcCode.INTERNAL,
    message: "internal error while storing the data; see the server log",
    internal: true,
  };
}
