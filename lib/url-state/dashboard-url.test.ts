import { describe, expect, it } from "vitest";
import {
  DEFAULT_SORT,
  type EndpointSort,
  endpointHref,
  formatQuery,
  formatSelectionParam,
  nextSort,
  parseAutoRefresh,
  parseBucket,
  parseEndpointSort,
  parseEndpointTarget,
  parseSelection,
  parseServiceFilter,
  sectionHref,
  withParams,
  withSort,
  withTimeRange,
} from "@/lib/url-state/dashboard-url";

const q = (query: string) => new URLSearchParams(query);

describe("parseEndpointSort", () => {
  it.each<[string, string, EndpointSort]>([
    ["nothing: trouble first", "", DEFAULT_SORT],
    ["a key with its direction", "sort=rate&dir=asc", { key: "rate", direction: "asc" }],
    ["a numeric key without direction: descending", "sort=errors", { key: "errors", direction: "desc" }],
    ["name without direction: ascending", "sort=name", { key: "name", direction: "asc" }],
    ["an unknown key: the default", "sort=latency&dir=asc", DEFAULT_SORT],
    ["an unknown direction: the key's natural one", "sort=p50&dir=up", { key: "p50", direction: "desc" }],
  ])("reads %s", (_, query, expected) => {
    expect(parseEndpointSort(q(query))).toEqual(expected);
  });
});

describe("nextSort", () => {
  it.each<[string, EndpointSort, EndpointSort["key"], EndpointSort]>([
    ["the sorted column flips", { key: "p99", direction: "desc" }, "p99", { key: "p99", direction: "asc" }],
    ["and flips back", { key: "p99", direction: "asc" }, "p99", { key: "p99", direction: "desc" }],
    ["another number column starts descending", DEFAULT_SORT, "rate", { key: "rate", direction: "desc" }],
    ["the name column starts ascending", DEFAULT_SORT, "name", { key: "name", direction: "asc" }],
  ])("%s", (_, current, key, expected) => {
    expect(nextSort(current, key)).toEqual(expected);
  });
});

describe("parseAutoRefresh", () => {
  it.each([
    ["a relative range: on", "range=1h", { kind: "relative", preset: "1h" } as const, true],
    [
      "a relative range with refresh=off",
      "range=1h&refresh=off",
      { kind: "relative", preset: "1h" } as const,
      false,
    ],
    ["a fixed range: off", "from=1&to=2", { kind: "absolute", from: 1, to: 2 } as const, false],
  ])("%s", (_, query, range, expected) => {
    expect(parseAutoRefresh(q(query), range)).toBe(expected);
  });
});

describe("parseServiceFilter", () => {
  it.each([
    ["absent", "", null],
    ["empty", "service=", null],
    ["a name with spaces", "service=order%20api", "order api"],
  ])("reads %s", (_, query, expected) => {
    expect(parseServiceFilter(q(query))).toBe(expected);
  });
});

describe("parseEndpointTarget", () => {
  it("reads a name with spaces, slashes and braces", () => {
    const params = q("service=shop&endpoint=GET+%2Forders%2F%7Bid%7D");
    expect(parseEndpointTarget(params)).toEqual({
      ok: true,
      value: { service: "shop", endpoint: "GET /orders/{id}" },
    });
  });

  it.each([
    ["no endpoint", "service=shop", "lacks endpoint="],
    ["no service", "endpoint=GET+%2F", "lacks service="],
    ["neither", "", "lacks service= and endpoint="],
  ])("explains %s", (_, query, message) => {
    const parsed = parseEndpointTarget(q(query));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});

describe("parseBucket", () => {
  it.each([
    ["absent", "", null],
    ["ISO", "bucket=2026-11-24T10:42:00Z", Date.parse("2026-11-24T10:42:00Z")],
    ["epoch ms", "bucket=1795477320000", 1795477320000],
    ["garbage", "bucket=later", null],
  ])("reads %s", (_, query, expected) => {
    expect(parseBucket(q(query))).toBe(expected);
  });
});

describe("links", () => {
  it("endpointHref encodes the name and carries range and refresh, nothing else", () => {
    const current = q("range=6h&refresh=off&sort=p50&service=other");
    expect(endpointHref({ service: "shop api", endpoint: "GET /orders/{id}" }, current)).toBe(
      "/endpoints?service=shop+api&endpoint=GET+/orders/%7Bid%7D&range=6h&refresh=off",
    );
  });

  it("endpointHref drops a broken range rather than spreading it", () => {
    expect(endpointHref({ service: "s", endpoint: "e" }, q("range=2h"))).toBe(
      "/endpoints?service=s&endpoint=e",
    );
  });

  it.each([
    [
      "keeps range and service",
      "/caches" as const,
      "from=1&to=2&service=shop&sort=name",
      "/caches?from=1&to=2&service=shop",
    ],
    [
      "from an endpoint page, takes its service",
      "/" as const,
      "service=shop&endpoint=x&range=1h",
      "/?range=1h&service=shop",
    ],
    ["no parameters: the bare path", "/" as const, "", "/"],
  ])("sectionHref %s", (_, path, query, expected) => {
    expect(sectionHref(path, q(query))).toBe(expected);
  });

  it.each([
    ["times keep their colons", "from=2026-11-24T10:00:00Z", "from=2026-11-24T10:00:00Z"],
    [
      "routes keep their slashes, braces and spaces are encoded",
      "endpoint=GET /a/{id}",
      "endpoint=GET+/a/%7Bid%7D",
    ],
    ["a literal & or = inside a value stays encoded", "service=a%26b%3Dc", "service=a%26b%3Dc"],
  ])("formatQuery: %s", (_, query, expected) => {
    const formatted = formatQuery(new URLSearchParams(query));
    expect(formatted).toBe(expected);
    expect(new URLSearchParams(formatted).toString()).toBe(new URLSearchParams(query).toString());
  });

  it("withParams replaces and removes, keeping order", () => {
    expect(withParams("/", q("range=1h&service=a&sort=p99"), { service: "b", sort: null, dir: "asc" })).toBe(
      "/?range=1h&service=b&dir=asc",
    );
  });

  it("withTimeRange swaps a preset for a custom range and forgets the picked bucket", () => {
    const current = q("service=s&endpoint=e&range=1h&bucket=2026-11-24T10:00:00Z");
    expect(
      withTimeRange("/endpoints", current, {
        kind: "absolute",
        from: Date.parse("2026-11-24T10:00:00Z"),
        to: Date.parse("2026-11-24T11:00:00Z"),
      }),
    ).toBe("/endpoints?service=s&endpoint=e&from=2026-11-24T10:00:00Z&to=2026-11-24T11:00:00Z");
  });

  it("withSort writes both key and direction", () => {
    expect(withSort("/", q("range=1h"), { key: "rate", direction: "asc" })).toBe(
      "/?range=1h&sort=rate&dir=asc",
    );
  });
});

describe("parseSelection", () => {
  it.each([
    [
      "an ISO interval",
      "select=2026-11-24T10:42:00Z/2026-11-24T10:45:00Z",
      { from: Date.parse("2026-11-24T10:42:00Z"), to: Date.parse("2026-11-24T10:45:00Z") },
    ],
    ["epoch ms", "select=1000/2000", { from: 1000, to: 2000 }],
    ["an end before the start", "select=2000/1000", null],
    ["one time", "select=1000", null],
    ["garbage", "select=later/sooner", null],
    ["nothing", "", null],
  ])("%s", (_shape, query, expected) => {
    expect(parseSelection(new URLSearchParams(query))).toEqual(expected);
  });
  it("round-trips through formatSelectionParam", () => {
    const from = Date.parse("2026-11-24T10:42:00Z");
    const query = new URLSearchParams({ select: formatSelectionParam(from, from + 180_000) });
    expect(parseSelection(query)).toEqual({ from, to: from + 180_000 });
  });
});
