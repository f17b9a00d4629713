// buildSpanTree from the compact answer's parent rows must be the tree it builds from the spans'
// parent ids: the same forest for roots, missing parents, a span that is its own parent, a
// duplicated span id and children that arrive out of start order.
import { describe, expect, it } from "vitest";
import { type CompactTrace, CompactTraceError, decodeCompactTrace } from "@/lib/contracts/compact-trace";
import type { TraceSpan } from "@/lib/model/traces";
import { buildSpanTree, type SpanTree } from "./span-tree";
import { span } from "./test-fixtures";

/** Each span's parent row as decodeCompactTrace hands it over: the first span with that id. */
function parentRowsOf(spans: readonly TraceSpan[]): Int32Array {
  const first = new Map<string, number>();
  spans.forEach((s, i) => {
    if (!first.has(s.spanId)) first.set(s.spanId, i);
  });
  return Int32Array.from(spans, (s) => (s.parentSpanId ? (first.get(s.parentSpanId) ?? -1) : -1));
}

const shape = (tree: SpanTree) => ({
  parent: [...tree.parent],
  placement: [...tree.placement],
  children: tree.children.map((c) => [...c]),
  roots: [...tree.roots],
  descendantCount: [...tree.descendantCount],
});

describe("buildSpanTree with the compact answer's parent rows", () => {
  const cases: Array<[string, TraceSpan[]]> = [
    [
      "a root with children out of start order",
      [span("a", null, 0, 10), span("c", "a", 5, 6), span("b", "a", 1, 2), span("d", "b", 1, 2)],
    ],
    ["a parent that is not in the trace", [span("a", null, 0, 10), span("x", "missing", 2, 3)]],
    ["a span that is its own parent", [span("a", null, 0, 10), span("s", "s", 1, 2)]],
    [
      "a duplicated span id: its children go to the first",
      [span("a", null, 0, 10), span("d", "a", 1, 5), span("d", "a", 2, 4), span("k", "d", 3, 4)],
    ],
    ["a loop of two spans", [span("p", "q", 0, 5), span("q", "p", 1, 4)]],
  ];
  it.each(cases)("%s", (_, spans) => {
    expect(shape(buildSpanTree(spans, undefined, parentRowsOf(spans)))).toEqual(shape(buildSpanTree(spans)));
  });

  it("sorts children by start whether or not they arrived in order", () => {
    const spans = [span("a", null, 0, 10), span("c", "a", 5, 6), span("b", "a", 1, 2)];
    const tree = buildSpanTree(spans, undefined, parentRowsOf(spans));
    expect(tree.children[0]).toEqual([2, 1]);
  });

  it("ignores parent rows that do not describe the spans", () => {
    const spans = [span("a", null, 0, 10), span("b", "a", 1, 2)];
    expect(shape(buildSpanTree(spans, undefined, new Int32Array(5)))).toEqual(shape(buildSpanTree(spans)));
  });
});

describe("decodeCompactTrace's parent rows", () => {
  const compact = (parent: unknown[]): CompactTrace => ({
    format: "compact-v1",
    traceId: "0".repeat(32),
    startTimeUnixNano: "1000",
    strings: ["op", "svc"],
    resources: [{}],
    scopes: [[-1, -1]],
    spans: {
      spanIds: "00000000000000010000000000000002",
      parent: parent as number[],
      missingParents: {},
      name: [0, 0],
      service: [1, 1],
      kind: [1, 1],
      start: [0, 1],
      duration: [5, 1],
      status: [0, 0],
      statusMessages: {},
      resource: [0, 0],
      scope: [0, 0],
      attributes: [[], []],
      events: {},
      links: {},
    },
  });

  it("hands the span tree the rows it sent", () => {
    const trace = decodeCompactTrace(compact([-1, 0]));
    expect([...(trace.parentRows ?? [])]).toEqual([-1, 0]);
    expect(trace.spans[1]?.parentSpanId).toBe("0000000000000001");
  });

  it.each([[[-1, 2]], [[-1, -2]], [[-1, 0.5]], [[-1, "0"]]])("refuses parent rows %j", (parent) => {
    expect(() => decodeCompactTrace(compact(parent))).toThrow(CompactTraceError);
  });
});
