// Local time here is UTC+05:30 (no DST): ticks on round *local* times fall on :30 in UTC.
process.env.TZ = "Asia/Kolkata";

import { describe, expect, it } from "vitest";
import { formatBucket, formatStep, formatTimeTick, timeTicks } from "@/lib/charts/time-axis";

const utc = (iso: string) => Date.parse(iso);
/** Local wall-clock times of ticks, "HH:MM" (or "D HH:MM" across days), for readable cases. */
const local = (ticks: number[]) =>
  ticks.map((t) => {
    const d = new Date(t);
    const hm = `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
    return `${d.getDate()} ${hm}`;
  });

describe("timeTicks", () => {
  it.each([
    [
      "the last 15 minutes: every 5 minutes",
      "2026-11-24T04:31:20Z", // 10:01:20 local
      "2026-11-24T04:46:20Z",
      ["24 10:05", "24 10:10", "24 10:15"],
    ],
    [
      "the last hour: every 10 minutes",
      "2026-11-24T04:30:00Z", // 10:00 local
      "2026-11-24T05:30:00Z",
      ["24 10:00", "24 10:10", "24 10:20", "24 10:30", "24 10:40", "24 10:50", "24 11:00"],
    ],
    [
      "6 hours: every hour, on local hours (UTC :30)",
      "2026-11-24T04:10:00Z", // 09:40 local
      "2026-11-24T10:10:00Z",
      ["24 10:00", "24 11:00", "24 12:00", "24 13:00", "24 14:00", "24 15:00"],
    ],
    [
      "24 hours: every 6 hours, through local midnight",
      "2026-11-24T04:30:00Z", // 10:00 local
      "2026-11-25T04:30:00Z",
      ["24 12:00", "24 18:00", "25 00:00", "25 06:00"],
    ],
    [
      "7 days: every 2 days at local midnight",
      "2026-11-17T06:30:00Z", // 17 Nov 12:00 local
      "2026-11-24T06:30:00Z",
      ["18 00:00", "20 00:00", "22 00:00", "24 00:00"],
    ],
  ])("%s", (_, from, to, expected) => {
    expect(local(timeTicks(utc(from), utc(to)))).toEqual(expected);
  });

  it.each([
    ["an empty window", 10, 10],
    ["a reversed window", 20, 10],
    ["NaN", Number.NaN, 10],
  ])("gives no ticks for %s", (_, from, to) => {
    expect(timeTicks(from, to)).toEqual([]);
  });

  it("never exceeds maxTicks", () => {
    for (const hours of [0.25, 1, 3, 6, 12, 24, 48, 168, 24 * 90]) {
      const from = utc("2026-11-24T04:30:00Z");
      expect(timeTicks(from, from + hours * 3_600_000, 5).length).toBeLessThanOrEqual(5);
    }
  });
});

describe("formatTimeTick", () => {
  it.each([
    ["a time of day", "2026-11-24T05:15:00Z", "10:45"],
    ["local midnight names the day", "2026-11-24T18:30:00Z", "25 Nov"],
  ])("formats %s", (_, iso, expected) => {
    expect(formatTimeTick(utc(iso), "en-GB")).toBe(expected);
  });
});

describe("formatBucket", () => {
  it.each([
    ["a minute", "2026-11-24T05:12:00Z", 60_000, "24 Nov, 10:42 – 10:43"],
    ["a bucket ending at midnight", "2026-11-24T18:25:00Z", 5 * 60_000, "24 Nov, 23:55 – 00:00"],
    ["an hour across midnight", "2026-11-24T18:00:00Z", 3_600_000, "24 Nov, 23:30 – 25 Nov, 00:30"],
    ["a day", "2026-11-23T18:30:00Z", 86_400_000, "24 Nov – 25 Nov"],
  ])("formats %s", (_, iso, step, expected) => {
    expect(formatBucket(utc(iso), step, "en-GB")).toBe(expected);
  });
});

describe("formatStep", () => {
  it.each([
    ["one minute", 60_000, "minute"],
    ["five minutes", 300_000, "5 minutes"],
    ["an hour", 3_600_000, "hour"],
    ["three hours", 10_800_000, "3 hours"],
    ["ninety minutes", 5_400_000, "90 minutes"],
    ["a day", 86_400_000, "day"],
    ["a sub-minute step", 30_000, "30 seconds"],
  ])("names %s", (_, ms, expected) => {
    expect(formatStep(ms)).toBe(expected);
  });
});
