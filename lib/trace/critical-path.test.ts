import { describe, expect, it } from "vitest";
import type { TraceSpan } from "@/lib/model/traces";
import { computeCriticalPath, selfTimes } from "@/lib/trace/critical-path";
import { buildSpanTree } from "@/lib/trace/span-tree";
import { span } from "@/lib/trace/test-fixtures";

/** The path as "id start-end" in milliseconds, in time order. */
function pathOf(spans: TraceSpan[]): string[] {
  const tree = buildSpanTree(spans);
  return computeCriticalPath(tree).segments.map(
    (s) => `${(tree.spans[s.index] as TraceSpan).spanId} ${s.startNs / 1e6}-${s.endNs / 1e6}`,
  );
}

function selfMs(spans: TraceSpan[]): Record<string, number> {
  const tree = buildSpanTree(spans);
  const self = selfTimes(tree);
  return Object.fromEntries(spans.map((s, i) => [s.spanId, (self[i] as number) / 1e6]));
}

describe("computeCriticalPath", () => {
  it("a lone span is the whole path", () => {
    // root  0────10
    expect(pathOf([span("root", null, 0, 10)])).toEqual(["root 0-10"]);
  });

  it("sequential children: the parent's gaps and each child in turn", () => {
    // root  0──────────────20
    // a       2───6
    // b             8───15
    expect(pathOf([span("root", null, 0, 20), span("a", "root", 2, 6), span("b", "root", 8, 15)])).toEqual([
      "root 0-2",
      "a 2-6",
      "root 6-8",
      "b 8-15",
      "root 15-20",
    ]);
  });

  it("back-to-back siblings: both are on the path, with no gap between them", () => {
    // root  0──────────20
    // a     0────10
    // b          10────20
    expect(pathOf([span("root", null, 0, 20), span("a", "root", 0, 10), span("b", "root", 10, 20)])).toEqual([
      "a 0-10",
      "b 10-20",
    ]);
  });

  it("overlapping children: the one ending last wins; one still running at the cursor is skipped", () => {
    // root  0────────────────30
    // slow    2──────────25
    // fast     4──8
    // late            20───28       (started while slow ran: not waiting on it)
    const spans = [
      span("root", null, 0, 30),
      span("slow", "root", 2, 25),
      span("fast", "root", 4, 8),
      span("late", "root", 20, 28),
    ];
    expect(pathOf(spans)).toEqual(["root 0-4", "fast 4-8", "root 8-20", "late 20-28", "root 28-30"]);
  });

  it("an async CONSUMER ending after its PRODUCER's parent is followed past the parent's end", () => {
    // root      0──────10
    // publish     2──4                    PRODUCER
    // consume        4──────────────30    CONSUMER, child of publish
    const spans = [
      span("root", null, 0, 10),
      span("publish", "root", 2, 4, { kind: "PRODUCER" }),
      span("consume", "publish", 4, 30, { kind: "CONSUMER" }),
    ];
    expect(pathOf(spans)).toEqual(["root 0-2", "publish 2-4", "consume 4-30"]);
  });

  it("nested: the walk goes down and comes back up", () => {
    // root   0────────────────20
    // api      1────────────18
    // db         3────12
    expect(pathOf([span("root", null, 0, 20), span("api", "root", 1, 18), span("db", "api", 3, 12)])).toEqual(
      ["root 0-1", "api 1-3", "db 3-12", "api 12-18", "root 18-20"],
    );
  });

  it("a missing root: the orphans share a virtual root and the gap between them is nobody's", () => {
    // (root never arrived)
    // x   0──5                 parent missing
    // y          8────12       parent missing
    const spans = [span("x", "gone", 0, 5), span("y", "gone", 8, 12)];
    expect(pathOf(spans)).toEqual(["x 0-5", "y 8-12"]);
  });

  it("an unclosed span (end before start, zero length) does not break the walk", () => {
    // root  0────────10
    // open     3            end unknown: shown as zero length
    // a          5──8
    const spans = [
      span("root", null, 0, 10),
      span("open", "root", 3, 3, { endTimeUnixNano: "not-a-time", durationMs: 0 }),
      span("a", "root", 5, 8),
    ];
    const tree = buildSpanTree(spans);
    const path = computeCriticalPath(tree);
    expect(pathOf(spans)).toEqual(["root 0-5", "a 5-8", "root 8-10"]);
    expect(path.onPath[1]).toBe(0);
  });

  it("a child starting before its parent (clock skew) is clipped to the parent", () => {
    // top   0────────────────20
    // mid        5──────15
    // early   2────────10          child of mid, its clock runs early
    expect(
      pathOf([span("top", null, 0, 20), span("mid", "top", 5, 15), span("early", "mid", 2, 10)]),
    ).toEqual(["top 0-5", "early 5-10", "mid 10-15", "top 15-20"]);
  });

  it("handles a 100k-deep chain without overflowing the stack", () => {
    // s0 ⊃ s1 ⊃ … ⊃ s99999, each nested 1 ms inside its parent
    const depth = 100_000;
    const spans: TraceSpan[] = [];
    for (let i = 0; i < depth; i++) {
      spans.push(span(`s${i}`, i === 0 ? null : `s${i - 1}`, i * 0.001, 1000 - i * 0.001));
    }
    const tree = buildSpanTree(spans);
    const path = computeCriticalPath(tree);
    let onPath = 0;
    for (const flag of path.onPath) onPath += flag;
    expect(onPath).toBe(depth);
    expect(path.segments.length).toBe(2 * depth - 1);
    const total = path.segments.reduce((sum, s) => sum + (s.endNs - s.startNs), 0);
    expect(total).toBeCloseTo(tree.traceDurationNs, -2);
  });
});

describe("selfTimes", () => {
  it("subtracts the union of the children, clipped to the span", () => {
    // root  0──────────────20
    // a       2──────10
    // b          6──────14        overlaps a: counted once
    // c                     18─────25   runs past root: only 18–20 counts
    const spans = [
      span("root", null, 0, 20),
      span("a", "root", 2, 10),
      span("b", "root", 6, 14),
      span("c", "root", 18, 25),
    ];
    expect(selfMs(spans)).toEqual({ root: 6, a: 8, b: 8, c: 7 });
  });
});
