import { describe, expect, it } from "vitest";
import { parseServiceOrder, pinnedHref } from "@/lib/url-state/dashboard-url";

const now = Date.UTC(2026, 10, 29, 10, 30, 0);
const params = (query: string) => new URLSearchParams(query);

describe("pinnedHref (what Copy link shares)", () => {
  it.each([
    [
      "a relative range becomes the absolute window it covers now, refresh dropped",
      "/?range=1h&service=shop&refresh=off",
      "/?service=shop&from=2026-11-29T09:30:00Z&to=2026-11-29T10:30:00Z",
    ],
    [
      "no range at all (the default hour) is pinned too",
      "/endpoints?service=shop&endpoint=GET+/a",
      "/endpoints?service=shop&endpoint=GET+/a&from=2026-11-29T09:30:00Z&to=2026-11-29T10:30:00Z",
    ],
    [
      "a picked bucket is kept",
      "/endpoints?service=s&endpoint=e&range=15m&bucket=2026-11-29T10:20:00Z",
      "/endpoints?service=s&endpoint=e&bucket=2026-11-29T10:20:00Z&from=2026-11-29T10:15:00Z&to=2026-11-29T10:30:00Z",
    ],
    [
      "an absolute range is copied as it is",
      "/?from=2026-11-28T00:00:00Z&to=2026-11-28T01:00:00Z",
      "/?from=2026-11-28T00:00:00Z&to=2026-11-28T01:00:00Z",
    ],
  ])("%s", (_, href, expected) => {
    const [pathname, query = ""] = href.split("?") as [string, string?];
    expect(pinnedHref(pathname, params(query), now)).toBe(expected);
  });
});

describe("parseServiceOrder", () => {
  it.each([
    ["", "trouble"],
    ["order=name", "name"],
    ["order=p95", "p95"],
    ["order=bogus", "trouble"],
  ])("%s → %s", (query, order) => {
    expect(parseServiceOrder(params(query))).toBe(order);
  });
});
