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
  /** how many rows are visible */
  readonly length: number;
  /** the row at a position (undefined outside 0…length−1); the same object each time */
  row(position: number): WaterfallRow | undefined;
  /** the row position of a visible span, by span id */
  rowOf(spanId: string): number | undefined;
}

/**
 * The visible rows as typed arrays (span index and depth per position), each row object built
 * when first asked for: the waterfall draws ~50 at a time, so a 100k-span trace no longer builds
 * 100k row objects and a 100k-key map on opening and on every collapse or expand (~50–90 ms).
 */
export function buildWaterfallRows(tree: SpanTree, collapsed: ReadonlySet<string>): WaterfallRows {
  const n = tree.spans.length;
  const order = new Int32Array(n);
  const depths = new Int32Array(n);
  const positionOf = new Int32Array(n).fill(-1);
  const isCollapsed = (index: number) =>
    collapsed.size > 0 &&
    (tree.children[index] as readonly number[]).length > 0 &&
    collapsed.has((tree.spans[index] as TraceSpan).spanId);
  // Each span is pushed once (the tree is a forest), so n slots hold the stack.
  const stack = new Int32Array(n);
  const stackDepth = new Int32Array(n);
  let top = 0;
  for (let r = tree.roots.length - 1; r >= 0; r--) {
    stack[top] = tree.roots[r] as number;
    stackDepth[top++] = 0;
  }
  let length = 0;
  while (top > 0) {
    const index = stack[--top] as number;
    const depth = stackDepth[top] as number;
    order[length] = index;
    depths[length] = depth;
    positionOf[index] = length++;
    if (isCollapsed(index)) continue;
    const kids = tree.children[index] as readonly number[];
    for (let k = kids.length - 1; k >= 0; k--) {
      stack[top] = kids[k] as number;
      stackDepth[top++] = depth + 1;
    }
  }

  const built: (WaterfallRow | undefined)[] = [];
  return {
    length,
    row(position) {
      if (!Number.isInteger(position) || position < 0 || position >= length) return undefined;
      let row = built[position];
      if (row === undefined) {
        const index = order[position] as number;
        row = {
          index,
          span: tree.spans[index] as TraceSpan,
          depth: depths[position] as number,
          placement: tree.placement[index] as Placement,
          offsetMs: nanosToMillis(tree.offsetNs[index] as RelativeNanos),
          durationMs: nanosToMillis(tree.durationNs[index] as RelativeNanos),
          childCount: (tree.children[index] as readonly number[]).length,
          descendantCount: tree.descendantCount[index] as number,
          collapsed: isCollapsed(index),
        };
        built[position] = row;
      }
      return row;
    },
    rowOf(spanId) {
      const index = tree.indexById.get(spanId);
      const position = index === undefined ? -1 : (positionOf[index] as number);
      return position >= 0 ? position : undefined;
    },
  };
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
