// Where a span becomes a row: validates each decoded span, rejects the invalid ones (reported back
// to the sender as partial success, never failing the whole request) and maps the rest onto
// SpanRow, with every string made safe for PostgreSQL text/jsonb (see sanitize.ts).

import {
  type AcceptedWindow,
  acceptedWindow,
  INT64_MAX,
  outsideWindow,
  type WindowOptions,
} from "@/lib/ingest/shared/accepted-window";
import {
  DEFAULT_INGEST_LIMITS,
  type IngestLimits,
  limitAttributes,
  TooManyRowsError,
} from "@/lib/ingest/shared/limits";
import { type ResourceRow, ResourceRows } from "@/lib/ingest/shared/normalize-resource";
import {
  type RedactionOptions,
  type Redactor,
  redactorFor,
  storedAttributes,
} from "@/lib/ingest/shared/redaction";
import { cleanText } from "@/lib/ingest/shared/sanitize";
import type { NormalizedBatch, SpanRow } from "@/lib/ingest/traces/span-row";
import type { Attributes } from "@/lib/model/attribute-value";
import { addSpanToSearchBloom, emptySearchBloom } from "@/lib/model/trace-search-bloom";
import type { OtlpEvent, OtlpLink, OtlpSpan, OtlpTraceRequest } from "@/lib/otlp/types";
import { cacheResultOf, cacheSystemOf } from "@/lib/semconv/cache-lookup";
import { endpointOf, httpStatusOf } from "@/lib/semconv/endpoint-name";

export type NormalizeOptions = WindowOptions & { limits?: IngestLimits; redaction?: RedactionOptions };

const INT32_MAX = 0x7fff_ffff;

export function normalizeTraceRequest(req: OtlpTraceRequest, opts: NormalizeOptions): NormalizedBatch {
  const spans: SpanRow[] = [];
  const redactor = redactorFor(opts.redaction);
  const resources = new ResourceRows(redactor);
  const window = acceptedWindow(opts);
  const limits = opts.limits ?? DEFAULT_INGEST_LIMITS;
  let total = 0;
  for (const rs of req.resourceSpans) for (const ss of rs.scopeSpans) total += ss.spans.length;
  if (total > limits.maxRowsPerRequest) {
    throw new TooManyRowsError(
      `${total} spans in one request; send at most ${limits.maxRowsPerRequest} (INGEST_MAX_SPANS_PER_REQUEST), e.g. a smaller OTEL_BSP_MAX_EXPORT_BATCH_SIZE or Collector batch size`,
    );
  }
  let rejectedSpans = 0;
  let firstReason = "";
  const blooms = new SearchBlooms();
  req.resourceSpans.forEach((rs, i) => {
    const resource = resources.rowFor(rs.resource);
    rs.scopeSpans.forEach((ss, j) => {
      const scope = { name: cleanText(ss.scope.name) || null, version: cleanText(ss.scope.version) || null };
      ss.spans.forEach((span, k) => {
        const problem = invalidSpan(span, window);
        if (problem === null) spans.push(toSpanRow(span, resource, scope, limits, redactor, blooms));
        else if (rejectedSpans++ === 0) {
          firstReason = `span ${idLabel(span.spanId)} at resourceSpans[${i}].scopeSpans[${j}].spans[${k}]: ${problem}`;
        }
      });
    });
  });
  const rejectionMessage =
    rejectedSpans === 0
      ? ""
      : `${rejectedSpans} ${rejectedSpans === 1 ? "span" : "spans"} rejected: ${firstReason}`;
  return { spans, resources: resources.rows, rejectedSpans, rejectionMessage };
}

function toSpanRow(
  span: OtlpSpan,
  resource: ResourceRow,
  scope: { name: string | null; version: string | null },
  limits: IngestLimits,
  redactor: Redactor | null,
  blooms: SearchBlooms,
): SpanRow {
  const parent = span.parentSpanId;
  const duration = span.endTimeUnixNano - span.startTimeUnixNano;
  const name = cleanText(span.name);
  const kind = span.kind >= 0 && span.kind <= 5 ? span.kind : 0;
  const limited = limitAttributes(storedAttributes(span.attributes, redactor), limits);
  const attributes = limited.attributes;
  const events = span.events.length > limits.maxEvents ? span.events.slice(0, limits.maxEvents) : span.events;
  const links = span.links.length > limits.maxLinks ? span.links.slice(0, limits.maxLinks) : span.links;
  const traceId = toBuffer(span.traceId);
  const endpoint = endpointOf(kind, name, attributes);
  const { bloom: searchBloom, terms: searchTerms } = blooms.of(traceId);
  addSpanToSearchBloom(searchBloom, name, endpoint, attributes, searchTerms);
  return {
    startTimeUnixNano: span.startTimeUnixNano,
    traceId,
    spanId: toBuffer(span.spanId),
    parentSpanId: parent.length === 0 || isAllZero(parent) ? null : toBuffer(parent),
    // start + duration must still fit BIGINT: traces.end_time_unix_nano stores it.
    durationNano: duration < 0n ? 0n : min(duration, INT64_MAX - span.startTimeUnixNano),
    serviceName: resource.serviceName,
    name,
    kind,
    statusCode: span.status.code >= 0 && span.status.code <= 2 ? span.status.code : 0,
    statusMessage: cleanText(span.status.message) || null,
    traceState: cleanText(span.traceState) || null,
    // fixed32 on the wire, INTEGER in the table: keep all 32 bits, read as signed.
    flags: span.flags | 0,
    resourceId: resource.id,
    scopeName: scope.name,
    scopeVersion: scope.version,
    attributesJson: JSON.stringify(attributes),
    eventsJson:
      events.length === 0 ? null : JSON.stringify(events.map((event) => eventJson(event, limits, redactor))),
    linksJson:
      links.length === 0 ? null : JSON.stringify(links.map((link) => linkJson(link, limits, redactor))),
    droppedAttributesCount: Math.min(span.droppedAttributesCount + limited.dropped, INT32_MAX),
    droppedEventsCount: Math.min(span.droppedEventsCount + (span.events.length - events.length), INT32_MAX),
    droppedLinksCount: Math.min(span.droppedLinksCount + (span.links.length - links.length), INT32_MAX),
    endpoint,
    httpStatusCode: httpStatusOf(attributes),
    ...cacheFields(kind, attributes),
    searchBloom,
    searchTerms,
  };
}

interface TraceSearchItems {
  bloom: Uint8Array;
  terms: Set<number>;
}

/**
 * One search filter and set of terms per trace of the request; a trace's spans usually come one
 * after another.
 */
class SearchBlooms {
  private readonly byTrace = new Map<string, TraceSearchItems>();
  private lastTraceId: Buffer | null = null;
  private last: TraceSearchItems | null = null;

  of(traceId: Buffer): TraceSearchItems {
    if (this.last !== null && this.lastTraceId?.equals(traceId)) return this.last;
    const key = traceId.toString("latin1");
    let bloom = this.byTrace.get(key);
    if (bloom === undefined) {
      bloom = { bloom: emptySearchBloom(), terms: new Set() };
      this.byTrace.set(key, bloom);
    }
    this.lastTraceId = traceId;
    this.last = bloom;
    return bloom;
  }
}

function cacheFields(
  kind: number,
  attributes: Attributes,
): { cacheResult: number | null; cacheSystem: string | null } {
  const cacheResult = cacheResultOf(kind, attributes);
  return { cacheResult, cacheSystem: cacheResult === null ? null : cacheSystemOf(attributes) };
}

/** The first rule the span breaks, phrased for the sender; null when it is valid. */
function invalidSpan(span: OtlpSpan, window: AcceptedWindow): string | null {
  if (span.traceId.length !== 16 || isAllZero(span.traceId)) {
    return "trace_id must be 16 bytes (32 hex digits in OTLP/JSON) and not all zero";
  }
  if (span.spanId.length !== 8 || isAllZero(span.spanId)) {
    return "span_id must be 8 bytes (16 hex digits in OTLP/JSON) and not all zero";
  }
  if (span.parentSpanId.length !== 0 && span.parentSpanId.length !== 8) {
    return "parent_span_id must be empty (root span) or 8 bytes (16 hex digits in OTLP/JSON)";
  }
  if (span.startTimeUnixNano === 0n) return "start_time_unix_nano is not set";
  return outsideWindow("start time", span.startTimeUnixNano, window);
}

function eventJson(event: OtlpEvent, limits: IngestLimits, redactor: Redactor | null) {
  const limited = limitAttributes(storedAttributes(event.attributes, redactor), limits);
  const dropped = event.droppedAttributesCount + limited.dropped;
  return {
    name: cleanText(event.name),
    timeUnixNano: event.timeUnixNano.toString(),
    attributes: limited.attributes,
    ...(dropped > 0 ? { droppedAttributesCount: dropped } : {}),
  };
}

function linkJson(link: OtlpLink, limits: IngestLimits, redactor: Redactor | null) {
  const traceState = cleanText(link.traceState);
  const limited = limitAttributes(storedAttributes(link.attributes, redactor), limits);
  const dropped = link.droppedAttributesCount + limited.dropped;
  return {
    traceId: toBuffer(link.traceId).toString("hex"),
    spanId: toBuffer(link.spanId).toString("hex"),
    ...(traceState !== "" ? { traceState } : {}),
    attributes: limited.attributes,
    ...(dropped > 0 ? { droppedAttributesCount: dropped } : {}),
    ...(link.flags !== 0 ? { flags: link.flags } : {}),
  };
}

/** A view over the same memory, not a copy. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function isAllZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

function idLabel(spanId: Uint8Array): string {
  return spanId.length === 0 ? "(no span_id)" : toBuffer(spanId).toString("hex");
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
