// KeyValue / AnyValue / ArrayValue / KeyValueList from opentelemetry/proto/common/v1/common.proto,
// read straight into AttributeValue (see attribute-value.ts for the shared conversion rules).

import type { Attributes, AttributeValue } from "@/lib/model/attribute-value";
import { bytesToBase64, doubleValue, MAX_ANY_VALUE_DEPTH, setAttribute } from "./attribute-value";
import { type ProtoReader, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from "./protobuf-reader";

const KV_KEY = (1 << 3) | WIRE_LEN;
const KV_VALUE = (2 << 3) | WIRE_LEN;
const ANY_STRING = (1 << 3) | WIRE_LEN;
const ANY_BOOL = (2 << 3) | WIRE_VARINT;
const ANY_INT = (3 << 3) | WIRE_VARINT;
const ANY_DOUBLE = (4 << 3) | WIRE_FIXED64;
const ANY_ARRAY = (5 << 3) | WIRE_LEN;
const ANY_KVLIST = (6 << 3) | WIRE_LEN;
const ANY_BYTES = (7 << 3) | WIRE_LEN;
/** ArrayValue.values and KeyValueList.values are both field 1 */
const LIST_VALUES = (1 << 3) | WIRE_LEN;

/** Reads one embedded KeyValue into `target`; `depth` is the nesting depth of its container. */
export function readKeyValue(r: ProtoReader, target: Attributes, depth: number): void {
  const outer = r.enter();
  let key = "";
  let value: AttributeValue = null;
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === KV_KEY) key = r.key();
    else if (tag === KV_VALUE) value = readAnyValue(r, depth + 1);
    else r.skip(tag);
  }
  r.leave(outer);
  setAttribute(target, key, value);
}

function readAnyValue(r: ProtoReader, depth: number): AttributeValue {
  if (depth > MAX_ANY_VALUE_DEPTH) {
    throw r.fail(`attribute value nested deeper than ${MAX_ANY_VALUE_DEPTH} levels (flatten the value)`);
  }
  const outer = r.enter();
  // An AnyValue with no field set is "empty" in the spec; null is its JSON form.
  let value: AttributeValue = null;
  while (r.pos < r.limit) {
    const tag = r.tag();
    switch (tag) {
      case ANY_STRING:
        value = r.string();
        break;
      case ANY_BOOL:
        value = r.bool();
        break;
      case ANY_INT:
        value = r.int64Value();
        break;
      case ANY_DOUBLE:
        value = doubleValue(r.double());
        break;
      case ANY_ARRAY:
        value = readArrayValue(r, depth);
        break;
      case ANY_KVLIST:
        value = readKeyValueList(r, depth);
        break;
      case ANY_BYTES:
        value = bytesToBase64(r.bytes());
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(outer);
  return value;
}

function readArrayValue(r: ProtoReader, depth: number): AttributeValue[] {
  const outer = r.enter();
  const values: AttributeValue[] = [];
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === LIST_VALUES) values.push(readAnyValue(r, depth + 1));
    else r.skip(tag);
  }
  r.leave(outer);
  return values;
}

function readKeyValueList(r: ProtoReader, depth: number): Attributes {
  const outer = r.enter();
  const values: Attributes = {};
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === LIST_VALUES) readKeyValue(r, values, depth);
    else r.skip(tag);
  }
  r.leave(outer);
  return values;
}
