import { describe, expect, it } from "vitest";
import { budgetsHref, formatViolatedFor, parseBudgetsView } from "@/lib/url-state/budgets-url";

describe("budgets URL", () => {
  it.each([
    ["", { window: null, status: "all" }],
    ["window=1h&status=violated", { window: "1h", status: "violated" }],
    ["window=fortnight&status=weird", { window: null, status: "all" }],
  ])("parses %j", (query, view) => {
    expect(parseBudgetsView(new URLSearchParams(query))).toEqual(view);
  });
  it("round-trips and keeps defaults out of the URL", () => {
    expect(budgetsHref({ window: null, status: "all" })).toBe("/budgets");
    expect(budgetsHref({ window: "5m", status: "violated" })).toBe("/budgets?window=5m&status=violated");
  });
});

describe("formatViolatedFor", () => {
  const now = Date.parse("2026-11-30T12:00:00Z");
  it.each([
    ["2026-11-30T11:59:30Z", "under a minute"],
    ["2026-11-30T11:48:00Z", "12m"],
    ["2026-11-30T09:00:00Z", "3h"],
    ["2026-11-30T08:55:00Z", "3h 5m"],
    ["2026-11-28T08:00:00Z", "2d 4h"],
    ["2026-11-30T12:01:00Z", "under a minute"],
  ])("since %s → %s", (since, text) => {
    expect(formatViolatedFor(since, now)).toBe(text);
  });
});
