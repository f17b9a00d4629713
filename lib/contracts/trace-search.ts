// A parsed trace search (lib/api/trace-search-params.ts parses it, lib/queries/traces/get-trace-summaries.ts
// answers it) and its opaque paging cursor.
import type { TraceSearchSort } from "@/lib/contracts/trace-search-schema";

export interface AttributeFilter {
  key: string;
  value: string;
}

export interface SearchCursor {
  /** the sort key of the last trace of the page, exact, as a decimal string */
  value: string;
  traceId: string;
}

export interface TraceSearch {
  /** traces whose first span starts in [from, to), epoch milliseconds */
  from: number;
  to: number;
  service: string | null;
  endpoint: string | null;
  name: string | null;
  attrs: AttributeFilter[];
  minDurationNanos: bigint | null;
  maxDurationNanos: bigint | null;
  status: "error" | "ok" | null;
  sort: TraceSearchSort;
  limit: number;
  cursor: SearchCursor | null;
}

/** Cursors are opaque to clients: base64url of [sort, value, traceId]. */
export function encodeCursor(sort: TraceSearchSort, cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([sort, cursor.value, cursor.traceId])).toString("base64url");
}
