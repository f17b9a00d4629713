import { describe, expect, it } from "vitest";
import type { ExplicitHistogram } from "./explicit-histogram";
import type { ExponentialHistogram } from "./exponential-histogram";
import { histogramHeatmap, MAX_EXPONENTIAL_ROWS } from "./histogram-heatmap";

const explicit = (bounds: number[], counts: number[]): ExplicitHistogram => ({
  bounds,
  counts,
  count: counts.reduce((a, b) => a + b, 0),
  sum: null,
  min: null,
  max: null,
});

const exponential = (scale: number, positive: [number, number][], zeroCount = 0): ExponentialHistogram => ({
  scale,
  zeroCount,
  positive: new Map(positive),
  negative: new Map(),
  count: zeroCount + positive.reduce((a, [, c]) => a + c, 0),
  sum: null,
  min: null,
  max: null,
});

describe("histogramHeatmap", () => {
  it("is null when no step holds a measurement", () => {
    expect(histogramHeatmap([undefined, explicit([1], [0, 0])])).toBeNull();
  });

  it("explicit, same bounds: the steps' bucket counts as they are, empty steps null", () => {
    expect(histogramHeatmap([explicit([10, 100], [1, 2, 3]), undefined])).toEqual({
      bounds: [10, 100],
      counts: [[1, 2, 3], null],
    });
  });

  it("explicit, different bounds: every step on the union, counts kept", () => {
    const map = histogramHeatmap([explicit([10, 100], [0, 4, 0]), explicit([55], [2, 0])]);
    expect(map?.bounds).toEqual([10, 55, 100]);
    expect(map?.counts[0]).toEqual([0, 2, 2, 0]);
    expect(map?.counts[1]?.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it("exponential: one row per bucket between the lowest and highest, zeros in the first row", () => {
    // scale 0: bucket i holds (2^i, 2^(i+1)]
    const map = histogramHeatmap([
      exponential(
        0,
        [
          [1, 3],
          [3, 1],
        ],
        2,
      ),
      exponential(0, [[2, 5]]),
    ]);
    expect(map?.bounds).toEqual([4, 8]);
    expect(map?.counts).toEqual([
      [5, 0, 1],
      [0, 5, 0],
    ]);
  });

  it("exponential across scales and wide ranges: at most MAX_EXPONENTIAL_ROWS rows, count kept", () => {
    const wide = exponential(
      3,
      Array.from({ length: 200 }, (_, i): [number, number] => [i, 1]),
    );
    const map = histogramHeatmap([wide, exponential(2, [[5, 4]])]);
    expect((map?.bounds.length ?? 0) + 1).toBeLessThanOrEqual(MAX_EXPONENTIAL_ROWS);
    expect(map?.counts[0]?.reduce((a, b) => a + b, 0)).toBe(200);
    expect(map?.counts[1]?.reduce((a, b) => a + b, 0)).toBe(4);
  });
});
