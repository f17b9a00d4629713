import { describe, expect, it } from "vitest";
import {
  addSpanToSearchBloom,
  attributeMask,
  attributeTerm,
  emptySearchBloom,
  endpointMask,
  endpointTerm,
  isFilterableAttributeText,
  mergeSearchBloom,
  mergeSearchTerms,
  nameMask,
  nameTerm,
  SEARCH_BLOOM_BITS,
  SEARCH_TERMS_MAX,
  SEARCH_TERMS_OVERFLOW,
  searchBloomSqlText,
  serviceTerm,
} from "@/lib/model/trace-search-bloom";

const contains = (bloom: Uint8Array, mask: Uint8Array) =>
  mask.every((byte, i) => ((bloom[i] as number) & byte) === byte);

describe("trace search bloom", () => {
  const bloom = emptySearchBloom();
  addSpanToSearchBloom(bloom, "GET /orders/{id}", "GET /orders/{id}", {
    "http.response.status_code": 500,
    "order.id": "A-1042",
    "cache.hit": false,
    ratio: 0.30000000000000004,
    list: [1, 2],
    nothing: null,
  });

  it("finds every item it was given, as the text PostgreSQL's ->> gives", () => {
    expect(contains(bloom, nameMask("GET /orders/{id}"))).toBe(true);
    expect(contains(bloom, endpointMask("GET /orders/{id}"))).toBe(true);
    expect(contains(bloom, attributeMask("http.response.status_code", "500") as Uint8Array)).toBe(true);
    expect(contains(bloom, attributeMask("order.id", "A-1042") as Uint8Array)).toBe(true);
    expect(contains(bloom, attributeMask("cache.hit", "false") as Uint8Array)).toBe(true);
    expect(contains(bloom, attributeMask("ratio", "0.30000000000000004") as Uint8Array)).toBe(true);
  });

  it("keeps kinds apart and says no to items it was not given (with this few items)", () => {
    expect(contains(bloom, nameMask("GET /users/{id}"))).toBe(false);
    expect(contains(bloom, attributeMask("order.id", "A-1043") as Uint8Array)).toBe(false);
    expect(contains(bloom, attributeMask("http.response.status_code", "200") as Uint8Array)).toBe(false);
    // The same text as an attribute value, not a name: another item.
    expect(contains(bloom, attributeMask("order.id", "GET /orders/{id}") as Uint8Array)).toBe(false);
  });

  it("leaves out texts PostgreSQL prints its own way, and a search for them skips the filter", () => {
    expect(attributeMask("list", "[1, 2]")).toBeNull();
    expect(attributeMask("big", "1000000000000000000000")).toBeNull(); // 1e21 in JavaScript
    expect(attributeMask("tiny", "0.0000001")).toBeNull(); // 1e-7 in JavaScript
    expect(isFilterableAttributeText("12345678901234567890")).toBe(true);
    expect(isFilterableAttributeText("1e21")).toBe(true); // only ever a string attribute's text
  });

  it("merges by OR, sets 3 bits per item and writes bit(512)'s hexadecimal text", () => {
    const other = emptySearchBloom();
    addSpanToSearchBloom(other, "SELECT orders", null, {});
    mergeSearchBloom(other, bloom);
    expect(contains(other, nameMask("SELECT orders"))).toBe(true);
    expect(contains(other, attributeMask("order.id", "A-1042") as Uint8Array)).toBe(true);
    const bits = (mask: Uint8Array) =>
      [...mask].reduce((n, byte) => n + byte.toString(2).replaceAll("0", "").length, 0);
    expect(bits(nameMask("x"))).toBeLessThanOrEqual(3);
    expect(bits(nameMask("x"))).toBeGreaterThanOrEqual(1);
    const text = searchBloomSqlText(nameMask("x"));
    expect(text).toMatch(/^x[0-9a-f]{128}$/);
    expect(SEARCH_BLOOM_BITS).toBe(512);
  });

  it("stays useful at a typical request's size: under 5 % false matches with 50 items", () => {
    const filter = emptySearchBloom();
    addSpanToSearchBloom(
      filter,
      "n",
      null,
      Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`key.${i}`, `value-${i}`])),
    );
    let falseMatches = 0;
    for (let i = 0; i < 10_000; i++) {
      if (contains(filter, attributeMask("key.0", `other-${i}`) as Uint8Array)) falseMatches++;
    }
    expect(falseMatches / 10_000).toBeLessThan(0.05);
  });
});

describe("trace search terms", () => {
  const terms = new Set<number>();
  addSpanToSearchBloom(
    emptySearchBloom(),
    "GET /orders/{id}",
    "GET /orders/{id}",
    { "order.id": "A-1042", "http.response.status_code": 500, list: [1, 2], big: 1e21 },
    terms,
  );

  it("holds the same items as the filter, exactly, by kind", () => {
    expect(terms).toEqual(
      new Set([
        nameTerm("GET /orders/{id}"),
        endpointTerm("GET /orders/{id}"),
        attributeTerm("order.id", "A-1042"),
        attributeTerm("http.response.status_code", "500"),
      ]),
    );
    expect(terms.has(attributeTerm("order.id", "A-1043") as number)).toBe(false);
    expect(nameTerm("x")).not.toBe(endpointTerm("x"));
    expect(serviceTerm("GET /orders/{id}")).not.toBe(nameTerm("GET /orders/{id}"));
    expect(attributeTerm("list", "[1, 2]")).toBeNull();
    // as for the filter: a text that may be such a number is searched through the spans alone
    expect(attributeTerm("big", "1000000000000000000000")).toBeNull();
  });

  it("are int4 values and never the overflow term", () => {
    for (let i = 0; i < 20_000; i++) {
      const term = attributeTerm("k", String(i)) as number;
      expect(term).not.toBe(SEARCH_TERMS_OVERFLOW);
      expect(term).toBe(term | 0);
    }
  });

  it(`overflow past ${SEARCH_TERMS_MAX} distinct terms, at adding and at merging, with bounded sets`, () => {
    const many = new Set<number>();
    const bloom = emptySearchBloom();
    for (let i = 0; i < 2 * SEARCH_TERMS_MAX; i++) addSpanToSearchBloom(bloom, `span ${i}`, null, {}, many);
    expect(many.size).toBe(SEARCH_TERMS_MAX + 1); // one past: the trace overflows

    const some = new Set(Array.from({ length: SEARCH_TERMS_MAX }, (_, i) => nameTerm(`a ${i}`)));
    mergeSearchTerms(some, new Set(Array.from({ length: 10 }, (_, i) => nameTerm(`b ${i}`))));
    expect(some.size).toBe(SEARCH_TERMS_MAX + 1);
  });
});
