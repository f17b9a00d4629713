import { describe, expect, it } from "vitest";
import { formatClockTime, formatStartTime, unixNanosToIso } from "@/lib/format/timestamp";

describe("unixNanosToIso", () => {
  it.each([
    ["a string with sub-ms digits", "1795479483123456789", "2026-11-24T00:18:03.123456Z"],
    ["a bigint", 1_795_479_483_000_001_000n, "2026-11-24T00:18:03.000001Z"],
    ["the epoch", "0", "1970-01-01T00:00:00.000000Z"],
  ])("keeps microseconds of %s", (_, input, expected) => {
    expect(unixNanosToIso(input)).toBe(expected);
  });

  it.each([
    ["empty", ""],
    ["negative", "-5"],
    ["float", "1.5e18"],
    ["far future", "9".repeat(30)],
  ])("returns null for a %s value", (_, input) => {
    expect(unixNanosToIso(input)).toBeNull();
  });
});

describe("formatStartTime", () => {
  it("shows milliseconds and the zone", () => {
    expect(formatStartTime("1795479483123456789", "en-GB", "UTC")).toBe("24 Nov 2026, 00:18:03.123 UTC");
  });

  it("says so when the time is unparseable", () => {
    expect(formatStartTime("soon", "en-GB", "UTC")).toBe("unknown time");
  });
});

describe("formatClockTime", () => {
  it.each([
    ["a UTC time with milliseconds", "1795479483123456789", "UTC", "00:18:03.123"],
    ["the same instant in UTC+05:30", "1795479483123456789", "Asia/Kolkata", "05:48:03.123"],
    ["an unparseable time", "soon", "UTC", "unknown time"],
  ])("formats %s", (_, nanos, zone, expected) => {
    expect(formatClockTime(nanos, "en-GB", zone)).toBe(expected);
  });
});
