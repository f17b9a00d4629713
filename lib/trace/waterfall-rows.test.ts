import { describe, expect, it } from "vitest";
import { buildSpanTree, Placement } from "@/lib/trace/span-tree";
import { span } from "@/lib/trace/test-fixtures";
import {
  buildWaterfallRows,
  expandAncestors,
  type WaterfallRow,
  type WaterfallRows,
} from "@/lib/trace/waterfall-rows";

const none: ReadonlySet<string> = new Set();

/** Every visible row, in order. */
const rowsOf = (waterfall: WaterfallRows): WaterfallRow[] =>
  Array.from({ length: waterfall.length }, (_, i) => waterfall.row(i) as WaterfallRow);

/** "id@depth" per row, the shape the waterfall draws. */
const outline = (spans: Parameters<typeof buildSpanTree>[0], collapsed = none) =>
  rowsOf(buildWaterfallRows(buildSpanTree(spans), collapsed)).map((r) => `${r.span.spanId}@${r.depth}`);

describe("buildWaterfallRows", () => {
  it("nests children under parents, in start order, whatever the input order", () => {
    // root 0─100ms
    // ├── a 10─40
    // │   ├── a1 12─20
    // │   └── a2 25─30
    // └── b 5─90          (starts before a, so comes first)
    //     └── b1 50─60
    const spans = [
      span("a2", "a", 25, 30),
      span("b1", "b", 50, 60),
      span("a", "root", 10, 40),
      span("root", null, 0, 100),
      span("a1", "a", 12, 20),
      span("b", "root", 5, 90),
    ];
    expect(outline(spans)).toEqual(["root@0", "b@1", "b1@2", "a@1", "a1@2", "a2@2"]);
  });

  it("keeps input order for siblings that start at the same nanosecond", () => {
    // root
    // ├── x 10─20
    // ├── y 10─30
    // └── z 10─15
    const spans = [
      span("root", null, 0, 50),
      span("x", "root", 10, 20),
      span("y", "root", 10, 30),
      span("z", "root", 10, 15),
    ];
    expect(outline(spans)).toEqual(["root@0", "x@1", "y@1", "z@1"]);
  });

  it("shows a span whose parent is not in the trace at top level, marked parent missing", () => {
    // root 0─100          orphan 20─30 (parent "gone" never arrived)
    // └── a 10─20         └── o1 22─25
    const spans = [
      span("orphan", "gone", 20, 30),
      span("o1", "orphan", 22, 25),
      span("root", null, 0, 100),
      span("a", "root", 10, 20),
    ];
    const rows = rowsOf(buildWaterfallRows(buildSpanTree(spans), none));
    expect(rows.map((r) => `${r.span.spanId}@${r.depth}`)).toEqual(["root@0", "a@1", "orphan@0", "o1@1"]);
    expect(rows.map((r) => r.placement)).toEqual([
      Placement.Root,
      Placement.Child,
      Placement.ParentMissing,
      Placement.Child,
    ]);
  });

  it("hides the descendants of a collapsed span and counts what is hidden", () => {
    // root
    // ├── a        (collapsed)
    // │   └── a1
    // │       └── a11
    // └── b
    const spans = [
      span("root", null, 0, 100),
      span("a", "root", 1, 50),
      span("a1", "a", 2, 40),
      span("a11", "a1", 3, 30),
      span("b", "root", 60, 70),
    ];
    const waterfall = buildWaterfallRows(buildSpanTree(spans), new Set(["a"]));
    const rows = rowsOf(waterfall);
    expect(rows.map((r) => r.span.spanId)).toEqual(["root", "a", "b"]);
    const a = rows[1];
    expect(a).toMatchObject({ collapsed: true, childCount: 1, descendantCount: 2 });
    expect(rows[0]).toMatchObject({ collapsed: false, childCount: 2, descendantCount: 4 });
    expect(waterfall.rowOf("b")).toBe(2);
    expect(waterfall.rowOf("a1")).toBeUndefined();
    expect(waterfall.rowOf("nowhere")).toBeUndefined();
    // Outside the rows: nothing; the same object for the same row (the rows are memoised views).
    expect(waterfall.row(3)).toBeUndefined();
    expect(waterfall.row(-1)).toBeUndefined();
    expect(waterfall.row(1)).toBe(a);
  });

  it("ignores a collapsed leaf", () => {
    // root
    // └── leaf   (in the collapsed set, but has nothing to hide)
    const rows = rowsOf(
      buildWaterfallRows(
        buildSpanTree([span("root", null, 0, 10), span("leaf", "root", 1, 2)]),
        new Set(["leaf"]),
      ),
    );
    expect(rows[1]?.collapsed).toBe(false);
  });

  it("gives offsets from the trace start and durations in milliseconds", () => {
    // root 5─105 is not the earliest span: early 0─1 is another root
    const spans = [span("root", null, 5, 105), span("child", "root", 7.5, 8.25), span("early", null, 0, 1)];
    const rows = rowsOf(buildWaterfallRows(buildSpanTree(spans), none));
    expect(rows.map((r) => [r.span.spanId, r.offsetMs, r.durationMs])).toEqual([
      ["early", 0, 1],
      ["root", 5, 100],
      ["child", 7.5, 0.75],
    ]);
  });

  it("flattens a 100,000-deep chain without overflowing the stack", () => {
    // s0
    // └── s1
    //     └── s2 … └── s99999
    const n = 100_000;
    const spans = Array.from({ length: n }, (_, i) => span(`s${i}`, i === 0 ? null : `s${i - 1}`, i, n));
    const tree = buildSpanTree(spans);
    const rows = rowsOf(buildWaterfallRows(tree, none));
    expect(rows).toHaveLength(n);
    expect(rows[n - 1]).toMatchObject({ depth: n - 1, descendantCount: 0 });
    expect(rows[0]?.descendantCount).toBe(n - 1);
  });

  it("renders an empty trace as no rows", () => {
    expect(buildWaterfallRows(buildSpanTree([]), none).length).toBe(0);
  });
});

describe("buildSpanTree on malformed traces", () => {
  it("cuts a parent loop so every span shows exactly once", () => {
    // root            a ⇄ b   (a's parent is b, b's parent is a)
    //                 └── c   (child of a)
    const spans = [
      span("root", null, 0, 10),
      span("a", "b", 1, 5),
      span("b", "a", 2, 4),
      span("c", "a", 3, 4),
    ];
    const tree = buildSpanTree(spans);
    const ids = rowsOf(buildWaterfallRows(tree, none)).map((r) => `${r.span.spanId}@${r.depth}`);
    expect(ids).toHaveLength(4);
    expect(new Set(ids.map((s) => s.split("@")[0]))).toEqual(new Set(["root", "a", "b", "c"]));
    const cut = tree.roots.filter((i) => tree.placement[i] === Placement.Cycle);
    expect(cut).toHaveLength(1);
  });

  it("treats a span that is its own parent as a cut loop", () => {
    // self ⟲
    const tree = buildSpanTree([span("self", "self", 0, 1)]);
    expect(tree.roots).toEqual([0]);
    expect(tree.placement[0]).toBe(Placement.Cycle);
  });

  it("keeps both spans of a duplicated id, children going to the first", () => {
    // dup (first)   dup (second)
    // └── kid
    const spans = [span("dup", null, 0, 10), span("dup", null, 1, 9), span("kid", "dup", 2, 3)];
    const rows = rowsOf(buildWaterfallRows(buildSpanTree(spans), none));
    expect(rows.map((r) => `${r.index}@${r.depth}`)).toEqual(["0@0", "2@1", "1@0"]);
  });

  it("shows clock skew (end before start) as zero length and survives unparseable times", () => {
    const spans = [
      span("root", null, 0, 10),
      span("skewed", "root", 5, 4),
      span("garbled", "root", 6, 7, { startTimeUnixNano: "n/a", endTimeUnixNano: "", durationMs: 2 }),
    ];
    const rows = rowsOf(buildWaterfallRows(buildSpanTree(spans), none));
    const byId = new Map(rows.map((r) => [r.span.spanId, r]));
    expect(byId.get("skewed")?.durationMs).toBe(0);
    expect(byId.get("garbled")).toMatchObject({ offsetMs: 0, durationMs: 2 });
  });

  it("measures the trace from the earliest start to the latest end", () => {
    // root 0─10
    // └── late 8─25   (outlives its parent)
    const tree = buildSpanTree([span("root", null, 0, 10), span("late", "root", 8, 25)]);
    expect(tree.traceDurationNs).toBe(25e6);
  });
});

describe("expandAncestors", () => {
  // root
  // └── a     (collapsed)
  //     └── b (collapsed)
  //         └── c
  const tree = buildSpanTree([
    span("root", null, 0, 10),
    span("a", "root", 1, 9),
    span("b", "a", 2, 8),
    span("c", "b", 3, 7),
  ]);

  it("opens every collapsed ancestor of the target, leaving other spans alone", () => {
    const collapsed = new Set(["a", "b", "elsewhere"]);
    expect([...expandAncestors(tree, collapsed, "c")]).toEqual(["elsewhere"]);
  });

  it("returns the same set when the span is already visible", () => {
    const collapsed = new Set(["c"]);
    expect(expandAncestors(tree, collapsed, "c")).toBe(collapsed);
    expect(expandAncestors(tree, collapsed, "unknown")).toBe(collapsed);
  });
});
