// OTLP/JSON trace export body → OtlpTraceRequest. OTLP/JSON is the proto3 JSON mapping with
// lowerCamelCase names, except that trace and span ids are hex, not base64. Unknown fields are
// ignored; a wrong type fails the request with the field's path; an id that is not hex fails only
// its span (see hexId), so one bad span does not cost the sender the whole batch.

import type {
  OtlpEvent,
  OtlpLink,
  OtlpResourceSpans,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpTraceRequest,
} from "@/lib/otlp/types";
import { readAttributes } from "./decode-any-value-json";
import {
  each,
  enumValue,
  hexId,
  type JsonObject,
  object,
  parseRequestObject,
  string,
  uint32,
  uint64,
  within,
} from "./json-fields";

const SPAN_KINDS = [
  "SPAN_KIND_UNSPECIFIED",
  "SPAN_KIND_INTERNAL",
  "SPAN_KIND_SERVER",
  "SPAN_KIND_CLIENT",
  "SPAN_KIND_PRODUCER",
  "SPAN_KIND_CONSUMER",
] as const;
const STATUS_CODES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"] as const;

/** Decodes an ExportTraceServiceRequest in OTLP/JSON; throws OtlpDecodeError naming what is wrong. */
export function decodeTraceRequestJson(body: Uint8Array | string): OtlpTraceRequest {
  const request = parseRequestObject(body, "resourceSpans");
  return { resourceSpans: each(request.resourceSpans, "resourceSpans", readResourceSpans) };
}

function readResourceSpans(o: JsonObject): OtlpResourceSpans {
  const resource = object(o.resource, "resource");
  let attributes = {};
  let droppedAttributesCount = 0;
  if (resource !== undefined) {
    try {
      attributes = readAttributes(resource.attributes, "attributes", {});
      droppedAttributesCount = uint32(resource.droppedAttributesCount, "droppedAttributesCount");
    } catch (err) {
      throw within(err, "resource");
    }
  }
  return {
    resource: { attributes, droppedAttributesCount },
    scopeSpans: each(o.scopeSpans, "scopeSpans", readScopeSpans),
  };
}

function readScopeSpans(o: JsonObject): OtlpScopeSpans {
  const scope = object(o.scope, "scope");
  return {
    scope: {
      name: string(scope?.name, "scope.name"),
      version: string(scope?.version, "scope.version"),
    },
    spans: each(o.spans, "spans", readSpan),
  };
}

function readSpan(o: JsonObject): OtlpSpan {
  const status = object(o.status, "status");
  return {
    traceId: hexId(o.traceId, "traceId"),
    spanId: hexId(o.spanId, "spanId"),
    parentSpanId: hexId(o.parentSpanId, "parentSpanId"),
    traceState: string(o.traceState, "traceState"),
    flags: uint32(o.flags, "flags"),
    name: string(o.name, "name"),
    kind: enumValue(o.kind, "kind", SPAN_KINDS),
    startTimeUnixNano: uint64(o.startTimeUnixNano, "startTimeUnixNano"),
    endTimeUnixNano: uint64(o.endTimeUnixNano, "endTimeUnixNano"),
    attributes: readAttributes(o.attributes, "attributes", {}),
    droppedAttributesCount: uint32(o.droppedAttributesCount, "droppedAttributesCount"),
    events: each(o.events, "events", readEvent),
    droppedEventsCount: uint32(o.droppedEventsCount, "droppedEventsCount"),
    links: each(o.links, "links", readLink),
    droppedLinksCount: uint32(o.droppedLinksCount, "droppedLinksCount"),
    status: {
      code: enumValue(status?.code, "status.code", STATUS_CODES),
      message: string(status?.message, "status.message"),
    },
  };
}

function readEvent(o: JsonObject): OtlpEvent {
  return {
    timeUnixNano: uint64(o.timeUnixNano, "timeUnixNano"),
    name: string(o.name, "name"),
    attributes: readAttributes(o.attributes, "attributes", {}),
    droppedAttributesCount: uint32(o.droppedAttributesCount, "droppedAttributesCount"),
  };
}

function readLink(o: JsonObject): OtlpLink {
  return {
    traceId: hexId(o.traceId, "traceId"),
    spanId: hexId(o.spanId, "spanId"),
    traceState: string(o.traceState, "traceState"),
    attributes: readAttributes(o.attributes, "attributes", {}),
    droppedAttributesCount: uint32(o.droppedAttributesCount, "droppedAttributesCount"),
    flags: uint32(o.flags, "flags"),
  };
}
