import { describe, expect, it } from "vitest";
import {
  hasCacheLookups,
  isolatedIndexes,
  ratioAxis,
  rowIndexAt,
  toCacheRows,
  toLatencyRows,
  toTrafficRows,
} from "@/lib/charts/endpoint-series";
import type { LatencyPoint } from "@/lib/model/endpoints";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const STEP = 60_000;

/** A timeseries point as /api/endpoints/timeseries returns it; an empty step by default. */
function point(slot: number, fields: Partial<LatencyPoint> = {}): LatencyPoint {
  return {
    t: T0 + slot * STEP,
    count: 0,
    errorCount: 0,
    p50Ms: null,
    p95Ms: null,
    p99Ms: null,
    cacheLookups: 0,
    cacheHits: 0,
    cacheMissP95Ms: null,
    cacheHitP95Ms: null,
    ...fields,
  };
}

const busy = (slot: number, count: number, errorCount = 0) =>
  point(slot, { count, errorCount, p50Ms: 10, p95Ms: 80, p99Ms: 200 });

describe("toLatencyRows", () => {
  it.each([
    ["an empty window", [], []],
    [
      "a busy step then an empty one: the empty one stays null (a gap, not a zero)",
      [busy(0, 5), point(1)],
      [
        { t: T0, p50: 10, p95: 80, p99: 200 },
        { t: T0 + STEP, p50: null, p95: null, p99: null },
      ],
    ],
  ])("maps %s", (_, points, expected) => {
    expect(toLatencyRows(points)).toEqual(expected);
  });
});

describe("toTrafficRows", () => {
  it.each([
    [
      "requests with errors, per second over a one-minute step",
      [busy(0, 120, 6)],
      STEP,
      [{ t: T0, rate: 2, errorRate: 0.05, count: 120, errorCount: 6 }],
    ],
    [
      "a quiet step: rate 0, error rate unknown",
      [point(0)],
      STEP,
      [{ t: T0, rate: 0, errorRate: null, count: 0, errorCount: 0 }],
    ],
    [
      "a five-minute step divides by 300 s",
      [busy(0, 30)],
      5 * STEP,
      [{ t: T0, rate: 0.1, errorRate: 0, count: 30, errorCount: 0 }],
    ],
  ])("maps %s", (_, points, step, expected) => {
    expect(toTrafficRows(points, step)).toEqual(expected);
  });

  it("divides the step still in progress by the time elapsed in it, so a steady rate stays level", () => {
    // 5/s steadily: 300 requests in the first minute, 100 in the 20 s of the second so far.
    const rows = toTrafficRows([busy(0, 300, 0), busy(1, 100, 0)], STEP, T0 + STEP + 20_000);
    expect(rows.map((row) => row.rate)).toEqual([5, 5]);
  });
});

describe("toCacheRows", () => {
  it.each([
    [
      "lookups with misses",
      [point(0, { cacheLookups: 8, cacheHits: 6, cacheMissP95Ms: 240, cacheHitP95Ms: 40 })],
      [{ t: T0, hitRatio: 0.75, lookups: 8, hits: 6, missP95: 240, hitP95: 40 }],
    ],
    [
      "no lookups: ratio unknown, not 0%",
      [point(0)],
      [{ t: T0, hitRatio: null, lookups: 0, hits: 0, missP95: null, hitP95: null }],
    ],
    [
      "more hits than lookups (inconsistent rollup): capped at 100%",
      [point(0, { cacheLookups: 2, cacheHits: 3 })],
      [{ t: T0, hitRatio: 1, lookups: 2, hits: 3, missP95: null, hitP95: null }],
    ],
  ])("maps %s", (_, points, expected) => {
    expect(toCacheRows(points)).toEqual(expected);
  });
});

describe("hasCacheLookups", () => {
  it.each([
    ["no points", [], false],
    ["no lookups anywhere", [busy(0, 3), point(1)], false],
    ["one step with lookups", [point(0), point(1, { cacheLookups: 1 })], true],
  ])("%s", (_, points, expected) => {
    expect(hasCacheLookups(points)).toBe(expected);
  });
});

describe("isolatedIndexes", () => {
  // Values per step; null is a step without data.
  it.each<[string, (number | null)[], number[]]>([
    ["nothing", [], []],
    ["a single value", [5], [0]],
    ["a run of values", [1, 2, 3], []],
    ["a lone value between gaps", [null, 4, null, 1, 2], [1]],
    ["lone values at both ends", [7, null, null, 3], [0, 3]],
    ["zero is a value, not a gap", [0, null, 0, 0], [0]],
  ])("finds %s", (_, values, expected) => {
    const rows = values.map((v) => ({ v }));
    expect([...isolatedIndexes(rows, (row) => row.v)]).toEqual(expected);
  });
});

describe("rowIndexAt", () => {
  const rows = [{ t: T0 }, { t: T0 + STEP }];
  it.each([
    ["no selection", null, null],
    ["the second step", T0 + STEP, 1],
    ["a time between steps", T0 + 30_000, null],
  ])("%s", (_, t, expected) => {
    expect(rowIndexAt(rows, t)).toBe(expected);
  });
});

describe("ratioAxis", () => {
  it.each<[string, (number | null)[], number, number[]]>([
    ["no values", [], 0.01, [0, 0.0025, 0.005, 0.0075, 0.01]],
    ["only gaps and zeros", [null, 0, 0], 0.01, [0, 0.0025, 0.005, 0.0075, 0.01]],
    ["a few percent", [0.03, 0.012], 0.05, [0, 0.01, 0.02, 0.03, 0.04, 0.05]],
    ["exactly a round share", [0.2], 0.2, [0, 0.05, 0.1, 0.15, 0.2]],
    ["a third", [0.33], 0.5, [0, 0.1, 0.2, 0.3, 0.4, 0.5]],
    ["everything failing", [1, 0.5], 1, [0, 0.25, 0.5, 0.75, 1]],
    ["a bad value above 1: capped", [1.5], 1, [0, 0.25, 0.5, 0.75, 1]],
  ])("rounds up %s", (_, values, max, ticks) => {
    expect(ratioAxis(values)).toEqual({ max, ticks });
  });
});
