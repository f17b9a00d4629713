// OTLP/JSON KeyValue / AnyValue → AttributeValue, with the same rules as the protobuf reader
// (attribute-value.ts), so both wire formats decode to the same model.

import type { Attributes, AttributeValue } from "@/lib/model/attribute-value";
import { doubleValue, MAX_ANY_VALUE_DEPTH, setAttribute } from "./attribute-value";
import {
  array,
  base64,
  boolean,
  double,
  int64Value,
  JsonFieldError,
  object,
  string,
  within,
} from "./json-fields";

/** Decodes a JSON array of KeyValue into `target`; `depth` is the nesting depth of its container. */
export function readAttributes(list: unknown, field: string, target: Attributes, depth = 0): Attributes {
  const items = array(list, field);
  for (let i = 0; i < items.length; i++) {
    try {
      const kv = object(items[i], "");
      if (kv) setAttribute(target, string(kv.key, "key"), readValueField(kv.value, depth + 1));
    } catch (err) {
      throw within(within(err, `[${i}]`), field);
    }
  }
  return target;
}

function readValueField(value: unknown, depth: number): AttributeValue {
  try {
    return readAnyValue(value, depth);
  } catch (err) {
    throw within(err, "value");
  }
}

function readAnyValue(value: unknown, depth: number): AttributeValue {
  if (depth > MAX_ANY_VALUE_DEPTH) {
    throw new JsonFieldError("", `nested deeper than ${MAX_ANY_VALUE_DEPTH} levels; flatten the value`);
  }
  const v = object(value, "");
  if (v === undefined) return null;
  // A oneof: the first field present wins; an object with none is the spec's "empty" value.
  if (v.stringValue != null) return string(v.stringValue, "stringValue");
  if (v.boolValue != null) return boolean(v.boolValue, "boolValue");
  if (v.intValue != null) return int64Value(v.intValue, "intValue");
  if (v.doubleValue != null) return doubleValue(double(v.doubleValue, "doubleValue"));
  if (v.arrayValue != null) {
    const values = array(object(v.arrayValue, "arrayValue")?.values, "arrayValue.values");
    const out: AttributeValue[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      try {
        out[i] = readAnyValue(values[i], depth + 1);
      } catch (err) {
        throw within(within(err, `[${i}]`), "arrayValue.values");
      }
    }
    return out;
  }
  if (v.kvlistValue != null) {
    return readAttributes(object(v.kvlistValue, "kvlistValue")?.values, "kvlistValue.values", {}, depth);
  }
  if (v.bytesValue != null) return base64(v.bytesValue, "bytesValue");
  return null;
}
