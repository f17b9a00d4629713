import { describe, expect, it } from "vitest";
import { formatDuration, formatOffset } from "@/lib/format/duration";
import { asMillis } from "@/lib/model/units";

describe("formatDuration", () => {
  it.each([
    ["zero", 0, "0µs"],
    ["sub-microsecond", 0.0004, "0.4µs"],
    ["microseconds", 0.85, "850µs"],
    ["fractional microseconds", 0.0125, "12.5µs"],
    ["a hair under 1ms", 0.99996, "1ms"],
    ["exactly 1ms", 1, "1ms"],
    ["milliseconds, one decimal", 12.34, "12.3ms"],
    ["milliseconds, two decimals", 1.256, "1.26ms"],
    ["hundreds of ms", 250.4, "250ms"],
    ["a hair under 1s", 999.7, "1s"],
    ["seconds", 1250, "1.25s"],
    ["tens of seconds", 42_420, "42.4s"],
    ["seconds rounding up to a minute", 59_990, "1m"],
    ["one minute", 60_000, "1m"],
    ["minutes and seconds", 125_300, "2m 5s"],
    ["seconds rounding into the next minute", 119_700, "2m"],
    ["negative (clock skew)", -2.5, "-2.5ms"],
    ["not a number", Number.NaN, "–"],
  ])("formats %s (%d ms) as %s", (_, ms, expected) => {
    expect(formatDuration(asMillis(ms))).toBe(expected);
  });
});

describe("formatOffset", () => {
  it.each([
    [0, "0"],
    [0.5, "+500µs"],
    [1500, "+1.5s"],
  ])("formats an offset of %d ms as %s", (ms, expected) => {
    expect(formatOffset(asMillis(ms))).toBe(expected);
  });
});
