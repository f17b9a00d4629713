// One trace in the compact shape (lib/contracts/compact-trace.ts) that the trace page reads:
// columns and string tables straight from the rows, never building the per-span objects of the
// JSON shape. Same rows as getTrace (load-trace-rows.ts), so both shapes carry the same trace.
// Large traces keep this answer (kept-trace-pages.ts): a change to what it returns changes
// TRACE_PAGE_SHAPE there.

import { type LoadTraceOptions, loadTraceRows } from "@/lib/analysis/trace-pages/load-trace-rows";
import type { CompactNanos, CompactTrace } from "@/lib/contracts/compact-trace";
import type { Db } from "@/lib/db/sql";
import type { Attributes, AttributeValue } from "@/lib/model/attribute-value";

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** A nanosecond offset as a number while JSON can carry it exactly, else as a decimal string. */
function nanos(value: bigint): CompactNanos {
  return value <= MAX_EXACT && value >= -MAX_EXACT ? Number(value) : value.toString();
}

export async function getCompactTrace(
  db: Db,
  traceIdHex: string,
  options: LoadTraceOptions = {},
): Promise<CompactTrace | null> {
  const loaded = await loadTraceRows(db, traceIdHex, options);
  if (!loaded) return null;
  const { rows, resourceById } = loaded;
  const n = rows.length;

  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const intern = (s: string): number => {
    let index = stringIndex.get(s);
    if (index === undefined) {
      index = strings.length;
      strings.push(s);
      stringIndex.set(s, index);
    }
    return index;
  };
  const resources: Attributes[] = [];
  const resourceIndex = new Map<string, number>();
  const scopes: [number, number][] = [];
  const scopeIndex = new Map<string, number>();

  // Rows come ordered by start time, so the first row starts earliest.
  const base = n > 0 ? BigInt(rows[0]?.start_time_unix_nano ?? "0") : 0n;
  const ids: string[] = new Array(n);
  const rowById = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = (rows[i] as (typeof rows)[number]).span_id;
    ids[i] = id;
    if (!rowById.has(id)) rowById.set(id, i);
  }

  const spans: CompactTrace["spans"] = {
    spanIds: ids.join(""),
    parent: new Array(n),
    missingParents: {},
    name: new Array(n),
    service: new Array(n),
    endpoints: {},
    kind: new Array(n),
    start: new Array(n),
    duration: new Array(n),
    status: new Array(n),
    statusMessages: {},
    resource: new Array(n),
    scope: new Array(n),
    attributes: new Array(n),
    events: {},
    links: {},
  };
  for (let i = 0; i < n; i++) {
    const row = rows[i] as (typeof rows)[number];
    if (row.parent_span_id) {
      const parentId = row.parent_span_id;
      const p = rowById.get(parentId);
      spans.parent[i] = p ?? -1;
      if (p === undefined) spans.missingParents[i] = parentId;
    } else {
      spans.parent[i] = -1;
    }
    spans.name[i] = intern(row.name);
    spans.service[i] = intern(row.service_name);
    if (row.endpoint !== null && spans.endpoints) spans.endpoints[i] = intern(row.endpoint);
    spans.kind[i] = row.kind;
    spans.start[i] = nanos(BigInt(row.start_time_unix_nano) - base);
    spans.duration[i] = nanos(BigInt(row.duration_nano));
    spans.status[i] = row.status_code;
    if (row.status_message) spans.statusMessages[i] = row.status_message;

    let r = resourceIndex.get(row.resource_id);
    if (r === undefined) {
      r = resources.length;
      resources.push(resourceById.get(row.resource_id) ?? {});
      resourceIndex.set(row.resource_id, r);
    }
    spans.resource[i] = r;

    const scopeName = row.scope_name === null ? -1 : intern(row.scope_name);
    const scopeVersion = row.scope_version === null ? -1 : intern(row.scope_version);
    const scopeKey = `${scopeName},${scopeVersion}`;
    let s = scopeIndex.get(scopeKey);
    if (s === undefined) {
      s = scopes.length;
      scopes.push([scopeName, scopeVersion]);
      scopeIndex.set(scopeKey, s);
    }
    spans.scope[i] = s;

    const flat: (number | AttributeValue)[] = [];
    for (const key in row.attributes) flat.push(intern(key), row.attributes[key] as AttributeValue);
    spans.attributes[i] = flat;
    if (row.events && row.events.length > 0) spans.events[i] = row.events;
    if (row.links && row.links.length > 0) spans.links[i] = row.links;
  }

  return {
    format: "compact-v1",
    traceId: traceIdHex,
    ...(loaded.omittedSpanCount !== undefined
      ? { spanCount: loaded.spanCount, omittedSpanCount: loaded.omittedSpanCount }
      : {}),
    startTimeUnixNano: base.toString(),
    strings,
    resources,
    scopes,
    spans,
  };
}
