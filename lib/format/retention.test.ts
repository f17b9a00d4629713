import { describe, expect, it } from "vitest";
import { formatRetention } from "@/lib/format/retention";

describe("formatRetention", () => {
  it.each([
    [7 * 86_400_000, "7 days"],
    [86_400_000, "1 day"],
    [36 * 3_600_000, "36 hours"],
    [90 * 60_000, "90 minutes"],
    [1500, "1500 ms"],
  ])("%d ms → %s", (ms, text) => {
    expect(formatRetention(ms)).toBe(text);
  });
});
