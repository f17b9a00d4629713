import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatLatency,
  formatLatencyTick,
  formatMissCost,
  formatPercent,
  formatRate,
  formatRateIn,
  rateUnitFor,
} from "@/lib/format/metrics";

describe("formatLatency", () => {
  it.each([
    ["null (no requests)", null, "—"],
    ["undefined", undefined, "—"],
    ["NaN", Number.NaN, "—"],
    ["sub-millisecond", 0.42, "420µs"],
    ["milliseconds", 12.34, "12.3ms"],
    ["seconds", 1250, "1.25s"],
  ])("formats %s", (_, ms, expected) => {
    expect(formatLatency(ms)).toBe(expected);
  });
});

describe("formatRate", () => {
  it.each([
    ["zero", 0, "0/s"],
    ["negative (bad input)", -1, "—"],
    ["thousands", 12_345, "12.3k/s"],
    ["hundreds of thousands", 123_456, "123k/s"],
    ["hundreds", 123.4, "123/s"],
    ["tens", 12.34, "12.3/s"],
    ["a few per second", 1.5, "1.5/s"],
    ["fractions of one, three significant digits", 0.514, "0.514/s"],
    ["under 0.1/s: per minute", 0.0396, "2.38/min"],
    ["a few per minute", 0.005, "0.3/min"],
    ["almost nothing", 0.00001, "<0.01/min"],
  ])("formats %s", (_, perSecond, expected) => {
    expect(formatRate(perSecond)).toBe(expected);
  });
});

describe("formatRateIn", () => {
  it.each([
    ["per second", 0.5, "s" as const, "0.5/s"],
    ["the same per minute", 0.5, "min" as const, "30/min"],
    ["a quarter request a minute", 0.25 / 60, "min" as const, "0.25/min"],
    ["zero per minute", 0, "min" as const, "0/min"],
  ])("formats %s", (_, perSecond, unit, expected) => {
    expect(formatRateIn(perSecond, unit)).toBe(expected);
  });
});

describe("rateUnitFor", () => {
  it.each([
    ["no values", [], "min"],
    ["all under one a second", [0, 0.2, 0.9], "min"],
    ["one busy step", [0.1, 12], "s"],
  ])("picks the unit for %s", (_, values, expected) => {
    expect(rateUnitFor(values)).toBe(expected);
  });
});

describe("formatLatencyTick", () => {
  it.each([
    ["the origin", 0, "0"],
    ["a tick", 150, "150ms"],
  ])("formats %s", (_, ms, expected) => {
    expect(formatLatencyTick(ms)).toBe(expected);
  });
});

describe("formatPercent", () => {
  it.each([
    ["null (no lookups)", null, "—"],
    ["zero", 0, "0%"],
    ["a trace of errors", 0.0004, "<0.1%"],
    ["a few percent", 0.025, "2.5%"],
    ["two significant digits", 0.0251, "2.5%"],
    ["an axis tick under one percent", 0.0025, "0.25%"],
    ["tens", 0.374, "37%"],
    ["almost all, not rounded to all", 0.9996, ">99.9%"],
    ["all", 1, "100%"],
  ])("formats %s", (_, ratio, expected) => {
    expect(formatPercent(ratio)).toBe(expected);
  });
});

describe("formatCount", () => {
  it.each([
    ["small", 7, "7"],
    ["grouped", 1234567, "1,234,567"],
    ["a float count from SQL", 42.0000001, "42"],
  ])("formats %s", (_, count, expected) => {
    expect(formatCount(count)).toBe(expected);
  });
});

describe("formatMissCost", () => {
  it.each([
    ["a slow miss", 230, 50, "+180ms (4.6× slower)"],
    ["a miss ten times slower", 1200, 40, "+1.16s (30× slower)"],
    ["a barely slower miss", 52, 50, "+2ms"],
    ["a miss as fast as a hit", 50, 50, "no slower than a hit"],
    ["no misses", null, 50, null],
    ["no hits", 230, null, null],
  ])("describes %s", (_, miss, hit, expected) => {
    expect(formatMissCost(miss, hit)).toBe(expected);
  });
});
