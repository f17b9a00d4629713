// Messages every OTLP signal shares (opentelemetry/proto/resource/v1 and common/v1), and the tag
// arithmetic the protobuf decoders use: tag = (field number << 3) | wire type.

import type { Attributes } from "@/lib/model/attribute-value";
import type { OtlpResource, OtlpScope } from "@/lib/otlp/types";
import { readKeyValue } from "./decode-any-value-proto";
import { type ProtoReader, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from "./protobuf-reader";

export const len = (field: number) => (field << 3) | WIRE_LEN;
export const varint = (field: number) => (field << 3) | WIRE_VARINT;
export const fixed64 = (field: number) => (field << 3) | WIRE_FIXED64;
export const fixed32 = (field: number) => (field << 3) | WIRE_FIXED32;

/** Resource{1 attributes, 2 dropped_attributes_count} */
export function readResource(r: ProtoReader): OtlpResource {
  const outer = r.enter();
  const attributes: Attributes = {};
  let droppedAttributesCount = 0;
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) readKeyValue(r, attributes, 0);
    else if (tag === varint(2)) droppedAttributesCount = r.varint32();
    else r.skip(tag);
  }
  r.leave(outer);
  return { attributes, droppedAttributesCount };
}

/** InstrumentationScope{1 name, 2 version}; its attributes are skipped (not stored). */
export function readScope(r: ProtoReader): OtlpScope {
  const outer = r.enter();
  let name = "";
  let version = "";
  const attributes: Attributes = {};
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === len(1)) name = r.string();
    else if (tag === len(2)) version = r.string();
    else if (tag === len(3)) readKeyValue(r, attributes, 0);
    else r.skip(tag);
  }
  r.leave(outer);
  // Only when present: most scopes have none, and the decoded model stays as before.
  return Object.keys(attributes).length === 0 ? { name, version } : { name, version, attributes };
}
