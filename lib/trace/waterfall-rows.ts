// Flattens a SpanTree into the waterfall's visible rows (pre-order, children by start time),
// skipping the descendants of collapsed spans. Iterative with an explicit stack: recursion over
// the span tree is what overflows the stack on large traces in other viewers.
import type { TraceSpan } from "@/lib/model/traces";
import { type Millis, nanosToMillis, type RelativeNanos } from "@/lib/model/units";
import { ancestorsOf, type Placement, type SpanTree } from "@/lib/trace/span-tree";

export interface WaterfallRow {
  /** index into tree.spans */
  readonly index: number;
  readonly span: TraceSpan;
  /** 0 for top-level spans */
  readonly depth: number;
  readonly placement: Placement;
  /** from the trace start */
  readonly offsetMs: Millis;
  readonly durationMs: Millis;
  readonly childCount: number;
  readonly descendantCount: number;
  readonly collapsed: boolean;
}

export interface WaterfallRows {
  readonly rows: readonly WaterfallRow[];
  /** row position of each visible span, by span id */
  readonly rowBySpanId: ReadonlyMap<string, number>;
}

export function buildWaterfallRows(tree: SpanTree, collapsed: ReadonlySet<string>): WaterfallRows {
  const rows: WaterfallRow[] = [];
  const rowBySpanId = new Map<string, number>();
  const stack: number[] = [];
  const depths: number[] = [];
  for (let r = tree.roots.length - 1; r >= 0; r--) {
    stack.push(tree.roots[r] as number);
    depths.push(0);
  }
  while (stack.length > 0) {
    const index = stack.pop() as number;
    const depth = depths.pop() as number;
    const span = tree.spans[index] as TraceSpan;
    const kids = tree.children[index] as readonly number[];
    const isCollapsed = kids.length > 0 && collapsed.has(span.spanId);
    if (!rowBySpanId.has(span.spanId)) rowBySpanId.set(span.spanId, rows.length);
    rows.push({
      index,
      span,
      depth,
      placement: tree.placement[index] as Placement,
      offsetMs: nanosToMillis(tree.offsetNs[index] as RelativeNanos),
      durationMs: nanosToMillis(tree.durationNs[index] as RelativeNanos),
      childCount: kids.length,
      descendantCount: tree.descendantCount[index] as number,
      collapsed: isCollapsed,
    });
    if (isCollapsed) continue;
    for (let k = kids.length - 1; k >= 0; k--) {
      stack.push(kids[k] as number);
      depths.push(depth + 1);
    }
  }
  return { rows, rowBySpanId };
}

/**
 * The collapsed set with every ancestor of `spanId` expanded, so that span gets a row; the same
 * set when nothing had to change (keeps memoised rows valid).
 */
export function expandAncestors(
  tree: SpanTree,
  collapsed: ReadonlySet<string>,
  spanId: string,
): ReadonlySet<string> {
  const index = tree.indexById.get(spanId);
  if (index === undefined || collapsed.size === 0) return collapsed;
  const hidden = ancestorsOf(tree, index)
    .map((a) => (tree.spans[a] as TraceSpan).spanId)
    .filter((id) => collapsed.has(id));
  if (hidden.length === 0) return collapsed;
  const next = new Set(collapsed);
  for (const id of hidden) next.delete(id);
  return next;
}
