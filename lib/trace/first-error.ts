// Which span an error trace opens on: where the error started, not the request that reported it.
// An ERROR span with an ERROR below it only passed the failure on, so the candidates are the
// ERROR spans without one below; of those, the one that started first. Iterative (no recursion)
// and linear: each ancestor is marked once.
import type { SpanTree } from "@/lib/trace/span-tree";

/** The span id to select when a trace opens; null when no span failed. */
export function firstErrorSpanId(tree: SpanTree): string | null {
  const n = tree.spans.length;
  const errorBelow = new Uint8Array(n);
  const isError = (i: number) => tree.spans[i]?.status.code === "ERROR";
  for (let i = 0; i < n; i++) {
    if (!isError(i)) continue;
    for (let up = tree.parent[i] ?? -1; up >= 0 && errorBelow[up] === 0; up = tree.parent[up] ?? -1) {
      errorBelow[up] = 1;
    }
  }
  let best = -1;
  for (let i = 0; i < n; i++) {
    if (!isError(i) || errorBelow[i] === 1) continue;
    if (best === -1 || (tree.offsetNs[i] ?? 0) < (tree.offsetNs[best] ?? 0)) best = i;
  }
  return best === -1 ? null : (tree.spans[best]?.spanId ?? null);
}
