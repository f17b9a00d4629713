// Indexes a trace's spans into a parent/child forest, once per loaded trace.
// Everything is iterative (explicit stacks, no recursion) so that a 100k-span trace, or one deep
// chain of spans, cannot overflow the call stack; the spans themselves are referenced, not copied.
import type { SpanTiming } from "@/lib/contracts/compact-trace";
import type { TraceSpan } from "@/lib/model/traces";
import { nanosBetween, parseUnixNanos, type RelativeNanos } from "@/lib/model/units";

/** Why a span sits where it does in the forest. */
export const Placement = {
  /** under its parent */
  Child: 0,
  /** a real root: no parent id */
  Root: 1,
  /** has a parent id that is not in the trace (not arrived yet, or dropped): shown at top level */
  ParentMissing: 2,
  /** its ancestry loops back on itself (bad instrumentation): the loop is cut here */
  Cycle: 3,
} as const;
export type Placement = (typeof Placement)[keyof typeof Placement];

export interface SpanTree {
  /** the response's array itself; every other field indexes into it */
  readonly spans: readonly TraceSpan[];
  readonly indexById: ReadonlyMap<string, number>;
  /** parent index, -1 for a top-level span */
  readonly parent: Int32Array;
  readonly placement: Uint8Array;
  /** child indices sorted by start time; the shared empty array for leaves */
  readonly children: readonly (readonly number[])[];
  /** top-level spans (roots, orphans, cut cycles) sorted by start time */
  readonly roots: readonly number[];
  readonly descendantCount: Int32Array;
  /** start of each span relative to the trace start */
  readonly offsetNs: Float64Array;
  readonly durationNs: Float64Array;
  /** earliest span start, exact */
  readonly traceStartUnixNano: bigint;
  /** earliest start to latest end */
  readonly traceDurationNs: RelativeNanos;
}

const noChildren: readonly number[] = Object.freeze([]);

/**
 * `timing`, when the compact answer carried it, saves parsing every span's times again (two
 * BigInt parses per span: ~0.1 s at 100k spans); `parentRows` (decodeCompactTrace's), looking up
 * every span's parent id (~60 ms at 100k spans on a first opening). Both must describe `spans`.
 */
export function buildSpanTree(
  spans: readonly TraceSpan[],
  timing?: SpanTiming,
  parentRows?: Int32Array,
): SpanTree {
  const n = spans.length;
  const rows = parentRows && parentRows.length === n ? parentRows : null;
  const { offsetNs, durationNs, traceStartUnixNano, traceDurationNs } =
    timing && timing.offsetNs.length === n ? reuseTiming(timing) : measureSpans(spans);

  const indexById = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = (spans[i] as TraceSpan).spanId;
    // A duplicated span id keeps its first span as the parent of any children.
    if (!indexById.has(id)) indexById.set(id, i);
  }

  const parent = new Int32Array(n).fill(-1);
  const placement = new Uint8Array(n);
  const childLists: (number[] | undefined)[] = new Array(n);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const parentId = (spans[i] as TraceSpan).parentSpanId;
    if (!parentId) {
      placement[i] = Placement.Root;
      roots.push(i);
      continue;
    }
    // The compact answer's row is the first span with that id, as indexById keeps.
    const p = rows ? ((rows[i] as number) < 0 ? undefined : (rows[i] as number)) : indexById.get(parentId);
    if (p === undefined || p === i) {
      placement[i] = p === undefined ? Placement.ParentMissing : Placement.Cycle;
      roots.push(i);
      continue;
    }
    parent[i] = p;
    placement[i] = Placement.Child;
    let siblings = childLists[p];
    if (siblings === undefined) {
      siblings = [];
      childLists[p] = siblings;
    }
    siblings.push(i);
  }

  const byStart = (a: number, b: number) => (offsetNs[a] as number) - (offsetNs[b] as number) || a - b;
  // Spans usually arrive in start order (the compact answer always does), and so do their
  // children's lists: only a list out of order is sorted (tens of thousands of sort calls else).
  const inOrder = (list: number[]) => {
    for (let k = 1; k < list.length; k++)
      if (byStart(list[k - 1] as number, list[k] as number) > 0) return false;
    return true;
  };
  for (const list of childLists) if (list !== undefined && !inOrder(list)) list.sort(byStart);

  // Spans not reachable from a top-level span sit on (or under) a parent loop: cut each loop at
  // the span where the upward walk first repeats, and show that span at top level.
  const visited = new Uint8Array(n);
  const preorder: number[] = [];
  const stack: number[] = [];
  const visitFrom = (start: number) => {
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      if (visited[i]) continue;
      visited[i] = 1;
      preorder.push(i);
      const kids = childLists[i];
      if (kids) for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k] as number);
    }
  };
  for (const r of roots) visitFrom(r);
  if (preorder.length < n) {
    const seenOnWalk = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      if (visited[i]) continue;
      let j = i;
      while (seenOnWalk[j] !== i && !visited[j]) {
        seenOnWalk[j] = i;
        j = parent[j] as number;
      }
      if (visited[j]) continue;
      const p = parent[j] as number;
      const siblings = childLists[p] as number[];
      siblings.splice(siblings.indexOf(j), 1);
      parent[j] = -1;
      placement[j] = Placement.Cycle;
      roots.push(j);
      visitFrom(j);
    }
  }
  roots.sort(byStart);

  const descendantCount = new Int32Array(n);
  for (let k = preorder.length - 1; k >= 0; k--) {
    const i = preorder[k] as number;
    const p = parent[i] as number;
    if (p >= 0) descendantCount[p] = (descendantCount[p] as number) + (descendantCount[i] as number) + 1;
  }

  const children: (readonly number[])[] = new Array(n);
  for (let i = 0; i < n; i++) children[i] = childLists[i] ?? noChildren;

  return {
    spans,
    indexById,
    parent,
    placement,
    children,
    roots,
    descendantCount,
    offsetNs,
    durationNs,
    traceStartUnixNano,
    traceDurationNs,
  };
}

/** Indices of a span's ancestors, nearest first. */
export function ancestorsOf(tree: SpanTree, index: number): number[] {
  const ancestors: number[] = [];
  for (let p = tree.parent[index] ?? -1; p >= 0; p = tree.parent[p] ?? -1) ancestors.push(p);
  return ancestors;
}

function reuseTiming(timing: SpanTiming) {
  const { offsetNs, durationNs } = timing;
  let latestEnd = 0;
  for (let i = 0; i < offsetNs.length; i++) {
    latestEnd = Math.max(latestEnd, (offsetNs[i] as number) + (durationNs[i] as number));
  }
  return {
    offsetNs,
    durationNs,
    traceStartUnixNano: timing.startUnixNano,
    traceDurationNs: latestEnd as RelativeNanos,
  };
}

function measureSpans(spans: readonly TraceSpan[]) {
  const n = spans.length;
  const starts: (bigint | null)[] = new Array(n);
  const ends: (bigint | null)[] = new Array(n);
  let min: bigint | null = null;
  let max: bigint | null = null;
  for (let i = 0; i < n; i++) {
    const span = spans[i] as TraceSpan;
    const start = parseUnixNanos(span.startTimeUnixNano);
    const end = parseUnixNanos(span.endTimeUnixNano);
    starts[i] = start;
    ends[i] = end;
    if (start !== null && (min === null || start < min)) min = start;
    if (end !== null && (max === null || end > max)) max = end;
  }
  const traceStartUnixNano = min ?? 0n;

  const offsetNs = new Float64Array(n);
  const durationNs = new Float64Array(n);
  let latestEnd = 0;
  for (let i = 0; i < n; i++) {
    const start = starts[i] ?? null;
    const end = ends[i] ?? null;
    // An unparseable start falls back to the trace start, an unparseable end to the server's
    // durationMs; clock skew (end before start) shows as a zero-length span.
    const offset = start === null ? 0 : nanosBetween(traceStartUnixNano, start);
    const duration =
      start !== null && end !== null ? nanosBetween(start, end) : (spans[i] as TraceSpan).durationMs * 1e6;
    offsetNs[i] = offset;
    durationNs[i] = Math.max(0, duration);
    latestEnd = Math.max(latestEnd, offset + Math.max(0, duration));
  }
  const traceDurationNs = (
    min !== null && max !== null ? Math.max(latestEnd, nanosBetween(min, max)) : latestEnd
  ) as RelativeNanos;
  return { offsetNs, durationNs, traceStartUnixNano, traceDurationNs };
}
