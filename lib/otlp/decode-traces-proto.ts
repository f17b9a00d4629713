// OTLP/protobuf trace export body (opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest)
// → OtlpTraceRequest. Field numbers from opentelemetry/proto/trace/v1/trace.proto; unknown fields
// (schema_url, scope attributes, future additions) are skipped as the protobuf rules require.

import type { Attributes } from "@/lib/model/attribute-value";
import type {
  OtlpEvent,
  OtlpLink,
  OtlpResource,
  OtlpResourceSpans,
  OtlpScope,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpStatus,
  OtlpTraceRequest,
} from "@/lib/otlp/types";
import { readKeyValue } from "./decode-any-value-proto";
import { fixed32, fixed64, len, readResource, readScope, varint } from "./decode-common-proto";
import { ProtoReader } from "./protobuf-reader";

const EMPTY: Uint8Array = new Uint8Array(0);

/** Decodes an ExportTraceServiceRequest; throws OtlpDecodeError for any malformed body. */
export function decodeTraceRequestProto(body: Uint8Array): OtlpTraceRequest {
  const r = new ProtoReader(body);
  const resourceSpans: OtlpResourceSpans[] = [];
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) resourceSpans.push(readResourceSpans(r));
    else r.skip(tag);
  }
  return { resourceSpans };
}

function readResourceSpans(r: ProtoReader): OtlpResourceSpans {
  const outer = r.enter();
  let resource: OtlpResource = { attributes: {}, droppedAttributesCount: 0 };
  const scopeSpans: OtlpScopeSpans[] = [];
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) resource = readResource(r);
    else if (tag === len(2)) scopeSpans.push(readScopeSpans(r));
    else r.skip(tag);
  }
  r.leave(outer);
  return { resource, scopeSpans };
}

function readScopeSpans(r: ProtoReader): OtlpScopeSpans {
  const outer = r.enter();
  let scope: OtlpScope = { name: "", version: "" };
  const spans: OtlpSpan[] = [];
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(2)) spans.push(readSpan(r));
    else if (tag === len(1)) scope = readScope(r);
    else r.skip(tag);
  }
  r.leave(outer);
  return { scope, spans };
}

function readSpan(r: ProtoReader): OtlpSpan {
  const outer = r.enter();
  let traceId = EMPTY;
  let spanId = EMPTY;
  let parentSpanId = EMPTY;
  let traceState = "";
  let flags = 0;
  let name = "";
  let kind = 0;
  let startTimeUnixNano = 0n;
  let endTimeUnixNano = 0n;
  const attributes: Attributes = {};
  let droppedAttributesCount = 0;
  const events: OtlpEvent[] = [];
  let droppedEventsCount = 0;
  const links: OtlpLink[] = [];
  let droppedLinksCount = 0;
  let status: OtlpStatus = { code: 0, message: "" };
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) traceId = r.bytes();
    else if (tag === len(2)) spanId = r.bytes();
    else if (tag === len(3)) traceState = r.string();
    else if (tag === len(4)) parentSpanId = r.bytes();
    else if (tag === len(5)) name = r.string();
    else if (tag === varint(6)) kind = r.varint32() | 0;
    else if (tag === fixed64(7)) startTimeUnixNano = r.fixed64();
    else if (tag === fixed64(8)) endTimeUnixNano = r.fixed64();
    else if (tag === len(9)) readKeyValue(r, attributes, 0);
    else if (tag === varint(10)) droppedAttributesCount = r.varint32();
    else if (tag === len(11)) events.push(readEvent(r));
    else if (tag === varint(12)) droppedEventsCount = r.varint32();
    else if (tag === len(13)) links.push(readLink(r));
    else if (tag === varint(14)) droppedLinksCount = r.varint32();
    else if (tag === len(15)) status = readStatus(r);
    else if (tag === fixed32(16)) flags = r.fixed32();
    else r.skip(tag);
  }
  r.leave(outer);
  return {
    traceId,
    spanId,
    parentSpanId,
    traceState,
    flags,
    name,
    kind,
    startTimeUnixNano,
    endTimeUnixNano,
    attributes,
    droppedAttributesCount,
    events,
    droppedEventsCount,
    links,
    droppedLinksCount,
    status,
  };
}

function readEvent(r: ProtoReader): OtlpEvent {
  const outer = r.enter();
  let timeUnixNano = 0n;
  let name = "";
  const attributes: Attributes = {};
  let droppedAttributesCount = 0;
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === fixed64(1)) timeUnixNano = r.fixed64();
    else if (tag === len(2)) name = r.string();
    else if (tag === len(3)) readKeyValue(r, attributes, 0);
    else if (tag === varint(4)) droppedAttributesCount = r.varint32();
    else r.skip(tag);
  }
  r.leave(outer);
  return { timeUnixNano, name, attributes, droppedAttributesCount };
}

function readLink(r: ProtoReader): OtlpLink {
  const outer = r.enter();
  let traceId = EMPTY;
  let spanId = EMPTY;
  let traceState = "";
  const attributes: Attributes = {};
  let droppedAttributesCount = 0;
  let flags = 0;
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) traceId = r.bytes();
    else if (tag === len(2)) spanId = r.bytes();
    else if (tag === len(3)) traceState = r.string();
    else if (tag === len(4)) readKeyValue(r, attributes, 0);
    else if (tag === varint(5)) droppedAttributesCount = r.varint32();
    else if (tag === fixed32(6)) flags = r.fixed32();
    else r.skip(tag);
  }
  r.leave(outer);
  return { traceId, spanId, traceState, attributes, droppedAttributesCount, flags };
}

function readStatus(r: ProtoReader): OtlpStatus {
  const outer = r.enter();
  let code = 0;
  let message = "";
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(2)) message = r.string();
    else if (tag === varint(3)) code = r.varint32() | 0;
    else r.skip(tag);
  }
  r.leave(outer);
  return { code, message };
}
