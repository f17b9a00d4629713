// Spans whose clock looks skewed against their parent's: a synchronous child on another service
// (another host, another clock) that starts before its parent started or ends after it ended.
// Async hand-offs (PRODUCER → CONSUMER, or a span linked as a follow-up) legitimately outlive
// their parent and are not flagged; neither is a child of the same service (one clock).
import type { TraceSpan } from "@/lib/model/traces";
import type { SpanTree } from "@/lib/trace/span-tree";

/** Tolerance for rounding in exporters, in nanoseconds. */
const toleranceNs = 1_000;

/** 1 for each span flagged as skewed against its parent. */
export function findClockSkew(tree: SpanTree): Uint8Array {
  const n = tree.spans.length;
  const skewed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = tree.parent[i] as number;
    if (p < 0) continue;
    const span = tree.spans[i] as TraceSpan;
    const parent = tree.spans[p] as TraceSpan;
    if (span.service === parent.service) continue;
    if (span.kind === "CONSUMER" || parent.kind === "PRODUCER") continue;
    const start = tree.offsetNs[i] as number;
    const end = start + (tree.durationNs[i] as number);
    const parentStart = tree.offsetNs[p] as number;
    const parentEnd = parentStart + (tree.durationNs[p] as number);
    if (start < parentStart - toleranceNs || end > parentEnd + toleranceNs) skewed[i] = 1;
  }
  return skewed;
}
