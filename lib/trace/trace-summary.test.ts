import { describe, expect, it } from "vitest";
import { buildSpanTree } from "@/lib/trace/span-tree";
import { fixtureEpochNanos, span } from "@/lib/trace/test-fixtures";
import { summarizeTrace } from "@/lib/trace/trace-summary";

describe("summarizeTrace", () => {
  it("summarises a trace with a root, an error and two services", () => {
    // orphan 0─5     (parent "gone" is missing; starts first but is not the root)
    // root 1─101     frontend
    // └── pay 10─90  payments, ERROR
    const tree = buildSpanTree([
      span("pay", "root", 10, 90, { service: "payments", status: { code: "ERROR", message: "declined" } }),
      span("root", null, 1, 101, { service: "frontend" }),
      span("orphan", "gone", 0, 5, { service: "frontend" }),
    ]);
    const summary = summarizeTrace(tree);
    expect(summary).toMatchObject({
      spanCount: 3,
      errorCount: 1,
      orphanCount: 1,
      durationMs: 101,
      startUnixNano: fixtureEpochNanos,
      services: [
        { name: "frontend", spanCount: 2, errorCount: 0 },
        { name: "payments", spanCount: 1, errorCount: 1 },
      ],
    });
    expect(summary.rootSpan?.spanId).toBe("root");
  });

  it("falls back to the earliest top-level span when no root arrived", () => {
    // (root missing)
    // a 3─4   b 1─2
    const tree = buildSpanTree([span("a", "gone", 3, 4), span("b", "gone", 1, 2)]);
    expect(summarizeTrace(tree).rootSpan?.spanId).toBe("b");
  });

  it("summarises an empty trace", () => {
    expect(summarizeTrace(buildSpanTree([]))).toMatchObject({ rootSpan: null, spanCount: 0, durationMs: 0 });
  });
});
