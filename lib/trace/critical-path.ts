// The critical path of a trace: the chain of work that decided when the trace ended, and each
// span's self time. Iterative with explicit stacks (no recursion: a 100k-deep chain of spans
// must not overflow the call stack), O(n log n) for the per-span child sorts, O(n) memory.
//
// The walk goes backwards in time from the end of the trace. Inside a span, with a cursor `t`
// (the moment still to be explained), the child that ended last at or before `t` is what the
// span was waiting on: the gap between that child's end and `t` is the span's own work, the
// walk goes down into the child, and afterwards continues in the span from the child's start.
// A child still running at `t` (it ends later) did not hold anything up at `t` and is skipped,
// which keeps overlapping siblings off the path unless they really ended last.
// - "Ended" means a span's reach: its own end or, later, the end of anything below it. An async
//   child (a CONSUMER after its PRODUCER, a follow-up job) may end after its parent; its reach
//   then extends the parent's and the walk follows it past the parent's own end.
// - Top-level spans (roots, orphans whose parent never arrived) hang under one virtual root
//   covering the whole trace, so a trace with a missing root still has a path.
// - A span never closed or with an unparseable end has the duration the tree gave it (0 at worst).
import type { SpanTree } from "@/lib/trace/span-tree";

export interface CriticalSegment {
  /** index into tree.spans */
  readonly index: number;
  /** from the trace start */
  readonly startNs: number;
  readonly endNs: number;
}

export interface CriticalPath {
  /** 1 when the span holds part of the path */
  readonly onPath: Uint8Array;
  /** time of the path spent in each span's own work */
  readonly criticalNs: Float64Array;
  /** the path in time order; each segment is time a span spent on its own work */
  readonly segments: readonly CriticalSegment[];
}

/** The end of each span or, when later, of anything below it. */
export function spanReach(tree: SpanTree): Float64Array {
  const n = tree.spans.length;
  const reach = new Float64Array(n);
  const order = preorder(tree);
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k] as number;
    let r = (tree.offsetNs[i] as number) + (tree.durationNs[i] as number);
    for (const c of tree.children[i] as readonly number[]) r = Math.max(r, reach[c] as number);
    reach[i] = r;
  }
  return reach;
}

interface Frame {
  /** span index, -1 for the virtual root */
  index: number;
  /** the span's start, clipped to its parent's (a child whose clock runs early stays inside) */
  floor: number;
  /** candidates by reach, latest first */
  kids: number[];
  next: number;
  t: number;
}

export function computeCriticalPath(tree: SpanTree): CriticalPath {
  const n = tree.spans.length;
  const reach = spanReach(tree);
  const onPath = new Uint8Array(n);
  const criticalNs = new Float64Array(n);
  const backwards: CriticalSegment[] = [];
  const byReach = (a: number, b: number) =>
    (reach[b] as number) - (reach[a] as number) ||
    (tree.offsetNs[b] as number) - (tree.offsetNs[a] as number);

  let traceEnd = 0;
  for (const r of tree.roots) traceEnd = Math.max(traceEnd, reach[r] as number);
  const frames: Frame[] = [
    { index: -1, floor: 0, kids: [...tree.roots].sort(byReach), next: 0, t: traceEnd },
  ];

  const credit = (index: number, from: number, to: number) => {
    if (index < 0 || to <= from) return;
    onPath[index] = 1;
    criticalNs[index] = (criticalNs[index] as number) + (to - from);
    const last = backwards[backwards.length - 1];
    // The span's work on both sides of a zero-length child is one stretch.
    if (last && last.index === index && last.startNs === to)
      backwards[backwards.length - 1] = { index, startNs: from, endNs: last.endNs };
    else backwards.push({ index, startNs: from, endNs: to });
  };

  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as Frame;
    const start = frame.floor;
    // Skip children still running at the cursor: they did not hold the span up at that moment.
    while (frame.next < frame.kids.length && (reach[frame.kids[frame.next] as number] as number) > frame.t) {
      frame.next++;
    }
    const child = frame.next < frame.kids.length ? (frame.kids[frame.next] as number) : -1;
    if (child < 0 || (reach[child] as number) <= start) {
      credit(frame.index, start, frame.t);
      frames.pop();
      continue;
    }
    frame.next++;
    const childReach = reach[child] as number;
    credit(frame.index, childReach, frame.t);
    const childStart = Math.max(start, tree.offsetNs[child] as number);
    // Back in this span, the walk resumes where the child began.
    frame.t = childStart;
    frames.push({
      index: child,
      floor: childStart,
      kids: [...(tree.children[child] as readonly number[])].sort(byReach),
      next: 0,
      t: childReach,
    });
  }
  if (n > 0 && backwards.length === 0 && tree.roots.length > 0) {
    // Every span is zero-length: the earliest root still marks where the trace happened.
    onPath[tree.roots[0] as number] = 1;
  }
  return { onPath, criticalNs, segments: backwards.reverse() };
}

/**
 * Each span's self time: its duration minus the time covered by at least one child (children
 * clipped to the span, overlaps counted once). Children are sorted by start in the tree.
 */
export function selfTimes(tree: SpanTree): Float64Array {
  const n = tree.spans.length;
  const self = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = tree.offsetNs[i] as number;
    const end = start + (tree.durationNs[i] as number);
    let covered = 0;
    let runStart = start;
    let runEnd = start;
    for (const c of tree.children[i] as readonly number[]) {
      const cs = Math.max(start, tree.offsetNs[c] as number);
      const ce = Math.min(end, (tree.offsetNs[c] as number) + (tree.durationNs[c] as number));
      if (ce <= cs) continue;
      if (cs > runEnd) {
        covered += runEnd - runStart;
        runStart = cs;
        runEnd = ce;
      } else if (ce > runEnd) {
        runEnd = ce;
      }
    }
    covered += runEnd - runStart;
    self[i] = Math.max(0, end - start - covered);
  }
  return self;
}

function preorder(tree: SpanTree): number[] {
  const order: number[] = [];
  const stack = [...tree.roots];
  while (stack.length > 0) {
    const i = stack.pop() as number;
    order.push(i);
    for (const c of tree.children[i] as readonly number[]) stack.push(c);
  }
  return order;
}
