// OTLP span kinds and status codes as numbers (how they are stored) and names (how they are shown).
// Isomorphic: the ingest path classifies with the numbers, the trace page prints the names.

export const SpanKind = {
  UNSPECIFIED: 0,
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
} as const;
export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];

export const spanKindNames = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"] as const;
export type SpanKindName = (typeof spanKindNames)[number];

export const StatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;
export type StatusCode = (typeof StatusCode)[keyof typeof StatusCode];

export const statusCodeNames = ["UNSET", "OK", "ERROR"] as const;
export type StatusCodeName = (typeof statusCodeNames)[number];

/** A request is a SERVER span, or a CONSUMER span for queue workers (docs/api.md § endpoints). */
export function isRequestKind(kind: number): boolean {
  return kind === SpanKind.SERVER || kind === SpanKind.CONSUMER;
}
