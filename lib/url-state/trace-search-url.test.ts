import { describe, expect, it } from "vitest";
import {
  EMPTY_FILTERS,
  filterParams,
  parseTraceSearchFilters,
  tracesHref,
  withFilters,
} from "@/lib/url-state/trace-search-url";

describe("parseTraceSearchFilters", () => {
  it.each([
    ["an empty query: no filters, newest first", "", EMPTY_FILTERS],
    [
      "every filter",
      "service=checkout&endpoint=GET+/orders/%7Bid%7D&name=SELECT&attr=customer.id%3D42&attr=host.name%3Da&minDurationMs=0.5&maxDurationMs=900&status=error&sort=duration",
      {
        service: "checkout",
        endpoint: "GET /orders/{id}",
        name: "SELECT",
        attrs: ["customer.id=42", "host.name=a"],
        minDurationMs: "0.5",
        maxDurationMs: "900",
        status: "error",
        sort: "duration",
      },
    ],
    ["a stale sort and status fall back to the defaults", "sort=size&status=failed", EMPTY_FILTERS],
    ["blank values count as absent", "service=+&attr=", EMPTY_FILTERS],
  ])("%s", (_label, query, expected) => {
    expect(parseTraceSearchFilters(new URLSearchParams(query))).toEqual(expected);
  });

  it("round-trips through filterParams", () => {
    const query = "service=a&endpoint=b&attr=k%3Dv&status=ok&sort=errors";
    const filters = parseTraceSearchFilters(new URLSearchParams(query));
    expect(parseTraceSearchFilters(filterParams(filters))).toEqual(filters);
  });
});

describe("links", () => {
  it("tracesHref builds the documented format", () => {
    expect(
      tracesHref({
        service: "checkout",
        endpoint: "GET /orders/{id}",
        status: "error",
        from: 1000,
        to: 2000,
        sort: "duration",
      }),
    ).toBe(
      "/traces?service=checkout&endpoint=GET+/orders/%7Bid%7D&status=error&sort=duration&from=1000&to=2000",
    );
    expect(tracesHref({ service: "checkout", range: "24h" })).toBe("/traces?service=checkout&range=24h");
  });

  it("withFilters replaces the filters and keeps the time range", () => {
    const current = new URLSearchParams("range=6h&service=a&attr=x%3D1&sort=spans");
    expect(withFilters("/traces", current, { ...EMPTY_FILTERS, name: "render" })).toBe(
      "/traces?range=6h&name=render",
    );
  });
});
