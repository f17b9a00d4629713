// Metric query answers → chart rows, by the shape of the answer.
import { describe, expect, it } from "vitest";
import type { MetricQueryResponse } from "@/lib/contracts/metric-schemas";
import {
  formatBucketBound,
  formatMetricValue,
  MAX_CHART_SERIES,
  seriesLabel,
  toMetricChartData,
} from "./metric-series";

const response = (edit: Partial<MetricQueryResponse>): MetricQueryResponse => ({
  from: 0,
  to: 180_000,
  stepMs: 60_000,
  name: "m",
  type: "sum",
  unit: null,
  stat: "sum",
  series: [],
  exemplars: [],
  ...edit,
});

describe("toMetricChartData", () => {
  it("one ungrouped series: a column named after the metric, gaps as null", () => {
    const data = toMetricChartData(
      response({
        series: [
          {
            labels: {},
            points: [
              { t: 0, v: 1 },
              { t: 120_000, v: 3 },
            ],
          },
        ],
      }),
    );
    expect(data.rows).toEqual([
      { t: 0, s0: 1 },
      { t: 60_000, s0: null },
      { t: 120_000, s0: 3 },
    ]);
    expect(data.series[0]?.config.label).toBe("m");
  });

  it(`keeps the ${MAX_CHART_SERIES} biggest groups and counts the others`, () => {
    const series = Array.from({ length: MAX_CHART_SERIES + 3 }, (_, i) => ({
      labels: { k: String(i) },
      points: [{ t: 0, v: i }],
    }));
    const data = toMetricChartData(response({ series }));
    expect(data.hidden).toBe(3);
    expect(data.series[0]?.config.label).toBe("k=3");
  });

  it("draws exemplars on histogram percentiles only", () => {
    const exemplars = [{ t: 1, v: 2, traceId: "a".repeat(32), spanId: null, labels: {} }];
    expect(toMetricChartData(response({ type: "histogram", stat: "p95", exemplars })).exemplars).toHaveLength(
      1,
    );
    expect(toMetricChartData(response({ type: "histogram", stat: "count", exemplars })).exemplars).toEqual(
      [],
    );
  });
});

describe("labels and values", () => {
  it.each([
    [{ a: "x", b: "" }, "a=x, b=(none)"],
    [{}, "fallback"],
  ])("seriesLabel(%j)", (labels, expected) => {
    expect(seriesLabel(labels, "fallback")).toBe(expected);
  });

  it.each<[number, string | null, string, string]>([
    [0.123456, "s", "p95", "0.12 s"],
    [12, "{request}", "rate", "12/s"],
    [1234567, "By", "last", "1.23e+6 By"],
    [5, "ms", "count", "5"],
  ])("formatMetricValue(%s, %s, %s)", (value, unit, stat, expected) => {
    expect(formatMetricValue(value, unit, stat)).toBe(expected);
  });
});

describe("formatBucketBound", () => {
  it.each([
    [1000, "ms", "1,000 ms"],
    [0.005, "s", "0.005 s"],
    [7.5, "{request}", "7.5"],
    [0.1 + 0.2, "s", "0.3 s"],
  ])("formatBucketBound(%s, %s)", (value, unit, expected) => {
    expect(formatBucketBound(value, unit)).toBe(expected);
  });
});
