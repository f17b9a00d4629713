// A synthetic trace of exactly N spans, shaped like the one issue #17 measured: 12 services,
// fan-out 3–10, depth ≤ 8, as SpanRows ready for the span store.
import { randomBytes } from "node:crypto";
import type { ResourceRow } from "@/lib/ingest/shared/normalize-resource";
import type { SpanRow } from "@/lib/ingest/traces/span-row";
import { addSpanToSearchBloom, emptySearchBloom } from "@/lib/model/trace-search-bloom";

const SERVICES = 12;

export const syntheticResources: ResourceRow[] = Array.from({ length: SERVICES }, (_, s) => ({
  id: BigInt(9000 + s),
  serviceName: `bench-svc-${s}`,
  attributesJson: JSON.stringify({ "service.name": `bench-svc-${s}`, "host.name": `host-${s}` }),
}));

/** A trace of exactly `size` spans, breadth first: each span gets 3–10 children until depth 8. */
export function makeSyntheticTrace(size: number, startMs: number): { traceId: string; rows: SpanRow[] } {
  const traceId = randomBytes(16);
  const rows: SpanRow[] = [];
  const searchBloom = emptySearchBloom(); // one trace: its spans share the filter and terms
  const searchTerms = new Set<number>();
  const span = (
    parent: SpanRow | null,
    depth: number,
    startNs: bigint,
    durationNs: bigint,
    s: number,
  ): SpanRow => {
    const name = depth === 0 ? "GET /bench" : `op-${depth}-${rows.length % 50}`;
    const endpoint = depth === 0 ? "GET /bench" : null;
    const attributes = { "bench.index": rows.length, "bench.kind": `k${rows.length % 12}` };
    addSpanToSearchBloom(searchBloom, name, endpoint, attributes, searchTerms);
    const row: SpanRow = {
      startTimeUnixNano: startNs,
      traceId,
      spanId: randomBytes(8),
      parentSpanId: parent?.spanId ?? null,
      durationNano: durationNs,
      serviceName: `bench-svc-${s}`,
      name,
      kind: depth === 0 ? 2 : rows.length % 3 === 0 ? 3 : 1,
      statusCode: rows.length % 97 === 0 ? 2 : 0,
      statusMessage: null,
      traceState: null,
      flags: 1,
      resourceId: BigInt(9000 + s),
      scopeName: "bench",
      scopeVersion: null,
      attributesJson: JSON.stringify(attributes),
      eventsJson: null,
      linksJson: null,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
      endpoint,
      httpStatusCode: null,
      cacheResult: null,
      cacheSystem: null,
      searchBloom,
      searchTerms,
    };
    rows.push(row);
    return row;
  };
  const root = span(null, 0, BigInt(startMs) * 1_000_000n, 60_000_000_000n, 0);
  const queue: { row: SpanRow; depth: number }[] = [{ row: root, depth: 0 }];
  for (let q = 0; q < queue.length && rows.length < size; q++) {
    const { row: parent, depth } = queue[q] as { row: SpanRow; depth: number };
    if (depth >= 8) continue;
    const fanOut = 3 + Math.floor(Math.random() * 8);
    const slot = parent.durationNano / BigInt(fanOut);
    for (let c = 0; c < fanOut && rows.length < size; c++) {
      const start = parent.startTimeUnixNano + slot * BigInt(c) + slot / 10n;
      const child = span(parent, depth + 1, start, (slot * 8n) / 10n, Math.floor(Math.random() * SERVICES));
      queue.push({ row: child, depth: depth + 1 });
    }
    // A too-narrow tree stops at depth 8: widen it by going round again from the top.
    if (q === queue.length - 1 && rows.length < size) queue.push({ row: root, depth: 0 });
  }
  return { traceId: traceId.toString("hex"), rows };
}
