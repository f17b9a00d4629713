import { describe, expect, it } from "vitest";
import { toTracePoints } from "@/lib/charts/trace-scatter";
import type { TraceSummary } from "@/lib/contracts/trace-search-schema";

const summary = (over: Partial<TraceSummary>): TraceSummary => ({
  traceId: "a".repeat(32),
  rootService: "checkout",
  rootName: "GET /orders/{id}",
  endpoint: "GET /orders/{id}",
  startTimeUnixNano: "1764300000123456789",
  durationMs: 12.5,
  spanCount: 4,
  errorCount: 0,
  services: ["checkout"],
  ...over,
});

describe("toTracePoints", () => {
  it("puts failed traces apart and keeps start to the millisecond", () => {
    const { ok, failed } = toTracePoints([
      summary({}),
      summary({ traceId: "b".repeat(32), errorCount: 2, rootName: null, endpoint: null }),
    ]);
    expect(ok).toEqual([
      {
        t: 1764300000123,
        startTimeUnixNano: "1764300000123456789",
        durationMs: 12.5,
        traceId: "a".repeat(32),
        label: "GET /orders/{id}",
        spanCount: 4,
        errorCount: 0,
      },
    ]);
    expect(failed.map((p) => [p.traceId[0], p.label])).toEqual([["b", "(root span not received)"]]);
  });

  it("an empty page gives no points", () => {
    expect(toTracePoints([])).toEqual({ ok: [], failed: [] });
  });
});
