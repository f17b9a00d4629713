import { describe, expect, it } from "vitest";
import type { MetricQueryResponse } from "@/lib/contracts/metric-schemas";
import { toHeatmapData } from "./metric-heatmap";

const response = (heatmap: MetricQueryResponse["heatmap"]): MetricQueryResponse => ({
  from: 0,
  to: 180_000,
  stepMs: 60_000,
  name: "http.server.request.duration",
  type: "histogram",
  unit: "s",
  stat: "p95",
  series: [],
  exemplars: [
    { t: 61_000, v: 0.3, traceId: "a".repeat(32), spanId: null, labels: {} },
    { t: 500_000, v: 0.3, traceId: "b".repeat(32), spanId: null, labels: {} },
  ],
  heatmap,
});

describe("toHeatmapData", () => {
  it("is null without a heatmap", () => {
    expect(toHeatmapData(response(null), String)).toBeNull();
  });

  it("one cell per non-empty bucket and step, shaded by the square root of its share of the peak", () => {
    const data = toHeatmapData(response({ bounds: [0.1, 1], counts: [[4, 0, 1], null, [0, 16, 0]] }), String);
    expect(data).toMatchObject({ columns: 3, rows: 3, max: 16 });
    expect(data?.rowLabels).toEqual(["≤ 0.1", "0.1–1", "> 1"]);
    expect(data?.cells).toEqual([
      { column: 0, row: 0, count: 4, shade: 0.5 },
      { column: 0, row: 2, count: 1, shade: 0.25 },
      { column: 2, row: 1, count: 16, shade: 1 },
    ]);
  });

  it("puts an exemplar in its step and its value's row; one outside the window is left out", () => {
    const data = toHeatmapData(response({ bounds: [0.1, 1], counts: [[1, 0, 0], null, null] }), String);
    expect(data?.exemplars.map((e) => [e.exemplar.traceId[0], e.x, e.y])).toEqual([["a", 61 / 60, 1.5]]);
  });
});
