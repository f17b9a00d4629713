// The normalised span: exactly one row of the `spans` table, ready for COPY.
// Produced by lib/ingest/traces/normalize-spans.ts, written by lib/ingest/traces/store-spans.ts.
import type { ResourceRow } from "@/lib/ingest/shared/normalize-resource";

export interface SpanRow {
  startTimeUnixNano: bigint;
  traceId: Buffer; // 16 bytes
  spanId: Buffer; // 8 bytes
  parentSpanId: Buffer | null; // 8 bytes, null for a root span
  durationNano: bigint; // >= 0
  serviceName: string;
  name: string;
  kind: number;
  statusCode: number;
  statusMessage: string | null;
  traceState: string | null;
  flags: number;
  resourceId: bigint;
  scopeName: string | null;
  scopeVersion: string | null;
  /** JSON text of the attribute map (NUL-free, valid for jsonb) */
  attributesJson: string;
  eventsJson: string | null;
  linksJson: string | null;
  droppedAttributesCount: number;
  droppedEventsCount: number;
  droppedLinksCount: number;
  /** for request spans (SERVER/CONSUMER) only: lib/semconv/endpoint-name.ts */
  endpoint: string | null;
  httpStatusCode: number | null;
  /** 1 hit, 0 miss, null when not a cache lookup: lib/semconv/cache-lookup.ts */
  cacheResult: number | null;
  /** the lookup's cache system (db.system…), for the cache-span rollup; not a column */
  cacheSystem: string | null;
  /**
   * the trace search filter of this span's trace in this request (lib/model/trace-search-bloom.ts,
   * 64 bytes, shared by the trace's spans of one request); merged into traces.search_bloom; not a
   * column of `spans`
   */
  searchBloom: Uint8Array;
  /**
   * the trace's search terms in this request (lib/model/trace-search-bloom.ts, shared like
   * searchBloom); merged into traces.search_terms; not a column of `spans`
   */
  searchTerms: Set<number>;
}

/** The outcome of normalising one export request. */
export interface NormalizedBatch {
  spans: SpanRow[];
  resources: ResourceRow[];
  /** spans that were dropped as invalid, reported back as partial_success */
  rejectedSpans: number;
  /** one human-readable reason, for partial_success.error_message ("" when none rejected) */
  rejectionMessage: string;
}
