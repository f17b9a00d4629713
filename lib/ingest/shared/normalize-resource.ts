// One ResourceRow per distinct OTLP Resource. Its id is derived from the content, so the same
// service instance maps to the same row across requests and processes without a lookup.

import { createHash } from "node:crypto";
import type { Attributes } from "@/lib/model/attribute-value";
import type { OtlpResource } from "@/lib/otlp/types";
import { type Redactor, storedAttributes } from "./redaction";

/** One row of `resources`: a distinct OTLP Resource, shared by spans and metric series. */
export interface ResourceRow {
  id: bigint; // signed 64-bit hash of attributesJson
  serviceName: string;
  attributesJson: string;
}

export const UNKNOWN_SERVICE = "unknown_service";

/**
 * Canonical JSON of a resource's attributes: top-level keys in code-unit order, written by hand
 * because a JS object always enumerates integer-like keys ("1", "2") first, whatever their order.
 */
export function canonicalAttributesJson(attributes: Attributes): string {
  const keys = Object.keys(attributes).sort();
  let json = "{";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    json += `${i === 0 ? "" : ","}${JSON.stringify(key)}:${JSON.stringify(attributes[key])}`;
  }
  return `${json}}`;
}

/** Signed 64-bit (BIGINT) id: the first 8 bytes of sha256(canonical JSON), big-endian. */
export function resourceIdOf(canonicalJson: string): bigint {
  return createHash("sha256").update(canonicalJson).digest().readBigInt64BE(0);
}

/** Builds ResourceRows for one request, reusing a row when a resource repeats. */
export class ResourceRows {
  readonly rows: ResourceRow[] = [];
  private readonly byJson = new Map<string, ResourceRow>();

  /** `redactor`: resource attributes are redacted like span attributes (null: REDACTION=off). */
  constructor(private readonly redactor: Redactor | null) {}

  rowFor(resource: OtlpResource): ResourceRow {
    const attributes = storedAttributes(resource.attributes, this.redactor);
    const attributesJson = canonicalAttributesJson(attributes);
    let row = this.byJson.get(attributesJson);
    if (row === undefined) {
      const service = attributes["service.name"];
      row = {
        id: resourceIdOf(attributesJson),
        serviceName: typeof service === "string" && service !== "" ? service : UNKNOWN_SERVICE,
        attributesJson,
      };
      this.byJson.set(attributesJson, row);
      this.rows.push(row);
    }
    return row;
  }
}
