// GET /api/traces/{traceId}?format=compact: the same trace as the JSON shape, in columns with
// string tables, for the trace page (docs/api.md § compact format). A 100k-span trace is a few
// MB instead of ~40: names, services, attribute keys and scopes are sent once in `strings`, ids
// as hex, times as nanosecond offsets from the trace's earliest span start.
// The envelope is checked with zod; the columns are checked by `decodeCompactTrace` itself (one
// pass, no per-span schema): a per-span zod parse cost the page ~0.5 s at 100k spans.
import { z } from "zod";
import type { Attributes, AttributeValue } from "@/lib/model/attribute-value";
import { spanKindNames, statusCodeNames } from "@/lib/model/span-kind";
import type { TraceSpan } from "@/lib/model/traces";
import type { TraceResponse } from "./trace-schema";

/** A nanosecond offset: a number while exact (< 2^53 ns, ~104 days), else a decimal string. */
export type CompactNanos = number | string;

export interface CompactTrace {
  format: "compact-v1";
  traceId: string;
  spanCount?: number;
  omittedSpanCount?: number;
  /** exact nanoseconds since the epoch that every offset counts from (the earliest start) */
  startTimeUnixNano: string;
  strings: string[];
  /** resource attribute sets, each once */
  resources: Attributes[];
  /** [name, version] string-table indices, -1 for null */
  scopes: [number, number][];
  spans: {
    /** 16 hex characters per span, concatenated */
    spanIds: string;
    /** row index of the parent in this answer, -1 for none or one not in this answer */
    parent: number[];
    /** parent span id (hex) of the spans whose parent is not in this answer, by row */
    missingParents: Record<string, string>;
    name: number[];
    service: number[];
    /** the endpoint (string index) of the spans that are requests (SERVER, CONSUMER), by row */
    endpoints?: Record<string, number>;
    /** index into spanKindNames */
    kind: number[];
    start: CompactNanos[];
    duration: CompactNanos[];
    /** index into statusCodeNames */
    status: number[];
    statusMessages: Record<string, string>;
    resource: number[];
    scope: number[];
    /** per span: key index, value, key index, value, … */
    attributes: (number | AttributeValue)[][];
    events: Record<string, TraceSpan["events"]>;
    links: Record<string, TraceSpan["links"]>;
  };
}

const column = z.custom<unknown[]>((value) => Array.isArray(value), "expected an array");
const sparse = z.record(z.string(), z.unknown());

export const compactTraceSchema = z.object({
  format: z.literal("compact-v1"),
  traceId: z.string(),
  spanCount: z.number().int().optional(),
  omittedSpanCount: z.number().int().optional(),
  startTimeUnixNano: z.string().regex(/^\d+$/),
  strings: z.array(z.string()),
  resources: z.array(z.record(z.string(), z.unknown())),
  scopes: z.array(z.tuple([z.number().int(), z.number().int()])),
  spans: z.object({
    spanIds: z.string(),
    parent: column,
    missingParents: sparse,
    name: column,
    service: column,
    endpoints: sparse.optional(),
    kind: column,
    start: column,
    duration: column,
    status: column,
    statusMessages: sparse,
    resource: column,
    scope: column,
    attributes: column,
    events: sparse,
    links: sparse,
  }),
});

export class CompactTraceError extends Error {
  override name = "CompactTraceError";
}

/** Each span's start (after the earliest start) and duration, as the compact answer carried them. */
export interface SpanTiming {
  /** the earliest span start, exact */
  startUnixNano: bigint;
  offsetNs: Float64Array;
  durationNs: Float64Array;
}

/**
 * A decoded trace: the JSON shape, plus what the page's span tree reuses instead of deriving it
 * again from every span: the timing, unparsed, and each span's parent row.
 */
export interface DecodedTrace extends TraceResponse {
  timing?: SpanTiming;
  /** the row of each span's parent in `spans`, -1 for none there (a root, or a parent not sent) */
  parentRows?: Int32Array;
}

const BILLION = 1_000_000_000;

/**
 * `base + offset` as a decimal string, exact, without BigInt (200k BigInt sums and prints cost the
 * page ~0.1 s at 100k spans): base split once into seconds and nanoseconds, offset < 2^53.
 */
function nanosAfter(baseSeconds: number, baseNanos: number, offset: number): string {
  let seconds = Math.floor(offset / BILLION);
  let nanos = offset - seconds * BILLION;
  if (nanos < 0) {
    seconds -= 1;
    nanos += BILLION;
  } else if (nanos >= BILLION) {
    seconds += 1;
    nanos -= BILLION;
  }
  nanos += baseNanos;
  if (nanos >= BILLION) {
    seconds += 1;
    nanos -= BILLION;
  }
  seconds += baseSeconds;
  return seconds === 0 ? String(nanos) : `${seconds}${String(nanos).padStart(9, "0")}`;
}

// Shared by every span without a status message, event or link: 200–300k fewer objects to
// allocate and collect for a 100k-span trace. Frozen: nothing may change one span through them.
const EMPTY: never[] = Object.freeze([]) as never[];
const STATUS_WITHOUT_MESSAGE = statusCodeNames.map((code) => Object.freeze({ code }));
const UNSET_STATUS = Object.freeze({ code: "UNSET" as const });

/**
 * The JSON shape of the same trace. Spans share their resource's attributes object and the
 * string table's strings, so the page holds each once.
 */
export function decodeCompactTrace(compact: CompactTrace): DecodedTrace {
  const { strings, resources, scopes, spans: c } = compact;
  const n = c.parent.length;
  const columns = [
    c.name,
    c.service,
    c.kind,
    c.start,
    c.duration,
    c.status,
    c.resource,
    c.scope,
    c.attributes,
  ];
  if (c.spanIds.length !== n * 16 || columns.some((col) => col.length !== n)) {
    throw new CompactTraceError(`columns of unequal length for ${n} spans`);
  }
  const text = (index: number): string => {
    const s = strings[index];
    if (s === undefined) throw new CompactTraceError(`string ${index} is not in the table`);
    return s;
  };
  const optionalText = (index: number): string | null => (index < 0 ? null : text(index));
  const scopeObjects = scopes.map(([name, version]) => ({
    name: optionalText(name),
    version: optionalText(version),
  }));
  const base = BigInt(compact.startTimeUnixNano);
  const ids: string[] = new Array(n);
  for (let i = 0; i < n; i++) ids[i] = c.spanIds.slice(i * 16, i * 16 + 16);

  const baseSeconds = Number(base / BigInt(BILLION));
  const baseNanos = Number(base % BigInt(BILLION));
  const offsetNs = new Float64Array(n);
  const durationNs = new Float64Array(n);
  const parentRows = new Int32Array(n);
  const out: TraceSpan[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const startOffset = c.start[i] as CompactNanos;
    const duration = c.duration[i] as CompactNanos;
    let startText: string;
    let endText: string;
    if (
      typeof startOffset === "number" &&
      typeof duration === "number" &&
      Number.isSafeInteger(startOffset + duration) &&
      startOffset >= 0 &&
      duration >= 0
    ) {
      startText = nanosAfter(baseSeconds, baseNanos, startOffset);
      endText = nanosAfter(baseSeconds, baseNanos, startOffset + duration);
    } else {
      const start = base + BigInt(startOffset);
      startText = start.toString();
      endText = (start + BigInt(duration)).toString();
    }
    offsetNs[i] = Number(startOffset);
    durationNs[i] = Math.max(0, Number(duration));
    const p = c.parent[i] as number;
    // The span tree takes these rows as they are: one outside the answer is refused here.
    if (!Number.isInteger(p) || p < -1 || p >= n) {
      throw new CompactTraceError(`span ${i} names parent row ${String(p)}, not one of the ${n} rows`);
    }
    parentRows[i] = p;
    const flat = c.attributes[i] as (number | AttributeValue)[];
    const attributes: Attributes = {};
    for (let k = 0; k < flat.length; k += 2)
      attributes[text(flat[k] as number)] = flat[k + 1] as AttributeValue;
    const message = c.statusMessages[i];
    const resource = resources[c.resource[i] as number];
    const scope = scopeObjects[c.scope[i] as number];
    if (resource === undefined || scope === undefined) {
      throw new CompactTraceError(`span ${i} names a resource or scope that is not in the answer`);
    }
    out[i] = {
      spanId: ids[i] as string,
      parentSpanId: p >= 0 ? (ids[p] as string) : (c.missingParents[i] ?? null),
      name: text(c.name[i] as number),
      service: text(c.service[i] as number),
      endpoint: c.endpoints?.[i] === undefined ? null : text(c.endpoints[i] as number),
      kind: spanKindNames[c.kind[i] as number] ?? "UNSPECIFIED",
      startTimeUnixNano: startText,
      endTimeUnixNano: endText,
      durationMs: Number(duration) / 1e6,
      status: message
        ? { code: statusCodeNames[c.status[i] as number] ?? "UNSET", message }
        : (STATUS_WITHOUT_MESSAGE[c.status[i] as number] ?? UNSET_STATUS),
      attributes,
      resource,
      scope,
      events: c.events[i] ?? EMPTY,
      links: c.links[i] ?? EMPTY,
    };
  }
  return {
    traceId: compact.traceId,
    ...(compact.omittedSpanCount !== undefined
      ? { spanCount: compact.spanCount, omittedSpanCount: compact.omittedSpanCount }
      : {}),
    spans: out,
    timing: { startUnixNano: base, offsetNs, durationNs },
    parentRows,
  };
}
