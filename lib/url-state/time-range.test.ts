// A zone with a half-hour offset and no DST, so local-time conversions are checked for real.
process.env.TZ = "Asia/Kolkata";

import { describe, expect, it } from "vitest";
import {
  describeTimeRange,
  describeTimeRangeInline,
  formatInstantParam,
  fromDateTimeLocalValue,
  parseTimeRange,
  resolveTimeRange,
  type TimeRange,
  timeRangeKey,
  timeRangeParams,
  toDateTimeLocalValue,
} from "@/lib/url-state/time-range";

const at = (iso: string) => Date.parse(iso);

describe("parseTimeRange", () => {
  it.each<[string, string, TimeRange]>([
    ["no parameters: the last hour", "", { kind: "relative", preset: "1h" }],
    ["a preset", "range=15m", { kind: "relative", preset: "15m" }],
    ["the 7-day preset", "range=7d", { kind: "relative", preset: "7d" }],
    [
      "ISO from/to",
      "from=2026-11-24T10:00:00Z&to=2026-11-24T11:30:00Z",
      { kind: "absolute", from: at("2026-11-24T10:00:00Z"), to: at("2026-11-24T11:30:00Z") },
    ],
    [
      "epoch-millisecond from/to",
      "from=1795471200000&to=1795474800000",
      { kind: "absolute", from: 1795471200000, to: 1795474800000 },
    ],
    [
      "ISO with an offset",
      "from=2026-11-24T10:00:00%2B05:30&to=2026-11-24T11:00:00%2B05:30",
      { kind: "absolute", from: at("2026-11-24T04:30:00Z"), to: at("2026-11-24T05:30:00Z") },
    ],
  ])("accepts %s", (_, query, expected) => {
    expect(parseTimeRange(new URLSearchParams(query))).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["an unknown preset", "range=2h", 'range="2h" is not a time range'],
    ["an empty preset", "range=", 'range="" is not a time range'],
    ["range and from/to together", "range=1h&from=2026-11-24T10:00:00Z", "not both"],
    ["from without to", "from=2026-11-24T10:00:00Z", "needs both from= and to="],
    ["to without from", "to=2026-11-24T10:00:00Z", "needs both from= and to="],
    ["an unparseable from", "from=yesterday&to=2026-11-24T10:00:00Z", 'from="yesterday" is not a time'],
    ["an unparseable to", "from=2026-11-24T10:00:00Z&to=soon", 'to="soon" is not a time'],
    ["from after to", "from=2026-11-24T11:00:00Z&to=2026-11-24T10:00:00Z", "start (from=) before"],
    ["an empty window", "from=1000&to=1000", "start (from=) before"],
    ["more than 90 days", "from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z", "at most 90 days"],
  ])("rejects %s", (_, query, message) => {
    const parsed = parseTimeRange(new URLSearchParams(query));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});

describe("timeRangeParams", () => {
  it.each<[string, TimeRange, string]>([
    ["a preset", { kind: "relative", preset: "6h" }, "range=6h"],
    [
      "a custom range on whole seconds, without milliseconds",
      { kind: "absolute", from: at("2026-11-24T10:00:00Z"), to: at("2026-11-24T11:00:00Z") },
      "from=2026-11-24T10%3A00%3A00Z&to=2026-11-24T11%3A00%3A00Z",
    ],
  ])("writes %s", (_, range, query) => {
    expect(new URLSearchParams(timeRangeParams(range)).toString()).toBe(query);
  });

  it("round-trips through parseTimeRange", () => {
    const range: TimeRange = { kind: "absolute", from: 1795471200123, to: 1795474800000 };
    expect(parseTimeRange(new URLSearchParams(timeRangeParams(range)))).toEqual({ ok: true, value: range });
  });
});

describe("formatInstantParam", () => {
  it.each([
    ["whole seconds", at("2026-11-24T10:00:00Z"), "2026-11-24T10:00:00Z"],
    ["milliseconds kept", at("2026-11-24T10:00:00.250Z"), "2026-11-24T10:00:00.250Z"],
  ])("formats %s", (_, ms, expected) => {
    expect(formatInstantParam(ms)).toBe(expected);
  });
});

describe("resolveTimeRange", () => {
  const now = at("2026-11-24T12:00:00Z");
  it.each<[string, TimeRange, { from: number; to: number }]>([
    ["a preset ends now", { kind: "relative", preset: "15m" }, { from: now - 15 * 60_000, to: now }],
    ["a day", { kind: "relative", preset: "24h" }, { from: now - 86_400_000, to: now }],
    ["a custom range ignores now", { kind: "absolute", from: 1, to: 2 }, { from: 1, to: 2 }],
  ])("%s", (_, range, expected) => {
    expect(resolveTimeRange(range, now)).toEqual(expected);
  });
});

describe("timeRangeKey", () => {
  it("is the preset for relative ranges, so refetches keep one cache entry", () => {
    expect(timeRangeKey({ kind: "relative", preset: "1h" })).toBe("1h");
    expect(timeRangeKey({ kind: "absolute", from: 5, to: 9 })).toBe("5-9");
  });
});

describe("describeTimeRange", () => {
  it.each<[string, TimeRange, string]>([
    ["a preset", { kind: "relative", preset: "24h" }, "Last 24 hours"],
    [
      "a custom range within a day",
      { kind: "absolute", from: at("2026-11-24T10:00:00Z"), to: at("2026-11-24T11:30:00Z") },
      "24 Nov, 10:00 – 11:30",
    ],
    [
      "a custom range across days",
      { kind: "absolute", from: at("2026-11-23T22:00:00Z"), to: at("2026-11-24T02:00:00Z") },
      "23 Nov, 22:00 – 24 Nov, 02:00",
    ],
  ])("describes %s", (_, range, expected) => {
    expect(describeTimeRange(range, "en-GB", "UTC")).toBe(expected);
  });
});

describe("describeTimeRangeInline", () => {
  it.each<[string, TimeRange, string]>([
    ["a preset", { kind: "relative", preset: "1h" }, "the last hour"],
    [
      "a custom range keeps its month capitalised",
      { kind: "absolute", from: at("2001-01-01T00:00:00Z"), to: at("2001-01-01T01:00:00Z") },
      "1 Jan, 00:00 – 01:00",
    ],
  ])("describes %s", (_, range, expected) => {
    expect(describeTimeRangeInline(range, "en-GB", "UTC")).toBe(expected);
  });
});

describe("datetime-local values (local time, here UTC+05:30)", () => {
  it.each([
    ["an instant", at("2026-11-24T04:30:00Z"), "2026-11-24T10:00"],
    ["seconds are dropped", at("2026-11-24T04:30:59Z"), "2026-11-24T10:00"],
    ["across midnight", at("2026-11-23T20:00:00Z"), "2026-11-24T01:30"],
  ])("shows %s", (_, ms, value) => {
    expect(toDateTimeLocalValue(ms)).toBe(value);
  });

  it.each([
    ["minutes", "2026-11-24T10:00", at("2026-11-24T04:30:00Z")],
    ["seconds", "2026-11-24T10:00:30", at("2026-11-24T04:30:30Z")],
    ["empty", "", null],
    ["a date only", "2026-11-24", null],
    ["an impossible day", "2026-02-31T10:00", null],
  ])("reads %s", (_, value, expected) => {
    expect(fromDateTimeLocalValue(value)).toBe(expected);
  });
});
