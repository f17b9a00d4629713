// The decoded form of an OTLP trace export request, shared by the protobuf and JSON decoders.
// It mirrors opentelemetry/proto/trace/v1/trace.proto with JS types: ids as raw bytes, times as
// exact bigint nanoseconds, attribute values already in their JSON-ready form.

/**
 * An attribute value as stored and served. int64 values within ±2^53 become numbers, larger ones
 * decimal strings (JSON cannot carry them exactly); bytes become base64 strings; kvlists objects.
 */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

export type Attributes = Record<string, AttributeValue>;

export interface OtlpTraceRequest {
  resourceSpans: OtlpResourceSpans[];
}

export interface OtlpResourceSpans {
  resource: OtlpResource;
  scopeSpans: OtlpScopeSpans[];
}

export interface OtlpResource {
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface OtlpScope {
  name: string;
  version: string;
}

export interface OtlpScopeSpans {
  scope: OtlpScope;
  spans: OtlpSpan[];
}

export interface OtlpStatus {
  /** 0 unset, 1 ok, 2 error */
  code: number;
  message: string;
}

export interface OtlpEvent {
  timeUnixNano: bigint;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface OtlpLink {
  traceId: Uint8Array;
  spanId: Uint8Array;
  traceState: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
}

export interface OtlpSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  /** empty for a root span */
  parentSpanId: Uint8Array;
  traceState: string;
  flags: number;
  name: string;
  /** 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: OtlpEvent[];
  droppedEventsCount: number;
  links: OtlpLink[];
  droppedLinksCount: number;
  status: OtlpStatus;
}

/** Thrown by decoders for a body that is not a valid request; the message is shown to the sender. */
export class OtlpDecodeError extends Error {
  override name = "OtlpDecodeError";
}
