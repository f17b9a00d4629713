// Two traces side by side (e.g. a slow and a normal request of one endpoint): spans aligned by
// their operation path — service + span name of the span and of each ancestor — with count,
// total duration and self time on each side, and what exists on one side only.
import type { TraceSpan } from "@/lib/model/traces";
import { selfTimes } from "@/lib/trace/critical-path";
import type { SpanTree } from "@/lib/trace/span-tree";

export interface OperationSide {
  count: number;
  /** summed durations of the spans at this path, in milliseconds */
  totalMs: number;
  selfMs: number;
}

export interface OperationDiff {
  /** the path as one string, unique per row */
  readonly key: string;
  readonly service: string;
  readonly name: string;
  /** "service: name" of each ancestor, root first */
  readonly ancestors: readonly string[];
  readonly a: OperationSide;
  readonly b: OperationSide;
  /** b minus a */
  readonly deltaMs: number;
  readonly deltaSelfMs: number;
}

export interface TraceComparison {
  readonly rows: readonly OperationDiff[];
  /** paths present in only one trace */
  readonly onlyInA: number;
  readonly onlyInB: number;
}

interface MutableRow {
  key: string;
  service: string;
  name: string;
  ancestors: string[];
  a: OperationSide;
  b: OperationSide;
}

const empty = (): OperationSide => ({ count: 0, totalMs: 0, selfMs: 0 });
const label = (span: TraceSpan) => `${span.service}: ${span.name}`;

/** Rows sorted by the largest change of duration first. */
export function compareTraces(a: SpanTree, b: SpanTree): TraceComparison {
  const rows = new Map<string, MutableRow>();
  addTrace(rows, a, "a");
  addTrace(rows, b, "b");
  let onlyInA = 0;
  let onlyInB = 0;
  const diffs: OperationDiff[] = [];
  for (const row of rows.values()) {
    if (row.b.count === 0) onlyInA++;
    if (row.a.count === 0) onlyInB++;
    diffs.push({
      ...row,
      deltaMs: row.b.totalMs - row.a.totalMs,
      deltaSelfMs: row.b.selfMs - row.a.selfMs,
    });
  }
  diffs.sort((x, y) => Math.abs(y.deltaMs) - Math.abs(x.deltaMs) || x.key.localeCompare(y.key));
  return { rows: diffs, onlyInA, onlyInB };
}

function addTrace(rows: Map<string, MutableRow>, tree: SpanTree, side: "a" | "b") {
  const self = selfTimes(tree);
  const keys: string[] = new Array(tree.spans.length);
  const stack = [...tree.roots];
  while (stack.length > 0) {
    const i = stack.pop() as number;
    const span = tree.spans[i] as TraceSpan;
    const p = tree.parent[i] as number;
    // NUL and SOH cannot be typed into a span name, so the joined key stays unambiguous.
    const key = p < 0 ? label(span) : `${keys[p]}\u0001${label(span)}`;
    keys[i] = key;
    let row = rows.get(key);
    if (row === undefined) {
      const ancestors = p < 0 ? [] : (keys[p] as string).split("\u0001");
      row = { key, service: span.service, name: span.name, ancestors, a: empty(), b: empty() };
      rows.set(key, row);
    }
    const target = row[side];
    target.count++;
    target.totalMs += (tree.durationNs[i] as number) / 1e6;
    target.selfMs += (self[i] as number) / 1e6;
    for (const c of tree.children[i] as readonly number[]) stack.push(c);
  }
}
