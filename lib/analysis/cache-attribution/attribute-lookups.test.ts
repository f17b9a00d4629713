import { describe, expect, it } from "vitest";
import { type AttributionSpan, attributeLookups } from "@/lib/analysis/cache-attribution/attribute-lookups";

const span = (
  spanId: string,
  parentSpanId: string | null,
  service: string,
  options: { endpoint?: string; cache?: 0 | 1 } = {},
): AttributionSpan => ({
  spanId,
  parentSpanId,
  service,
  endpoint: options.endpoint ?? null,
  cacheResult: options.cache ?? null,
});

const summary = (spans: AttributionSpan[]) =>
  Object.fromEntries(
    [...attributeLookups(spans).values()].map((r) => [r.requestSpanId, [r.lookups, r.hits]]),
  );

describe("attributeLookups", () => {
  it("counts lookups under the nearest request span, through any depth of internal spans", () => {
    //   a: GET /cart (checkout, SERVER)
    //   ├── b: load cart (INTERNAL)
    //   │   └── c: resolve (INTERNAL)
    //   │       └── d: redis GET   hit
    //   └── e: redis GET            miss
    const spans = [
      span("a", null, "checkout", { endpoint: "GET /cart" }),
      span("b", "a", "checkout"),
      span("c", "b", "checkout"),
      span("d", "c", "checkout", { cache: 1 }),
      span("e", "a", "checkout", { cache: 0 }),
    ];
    expect(summary(spans)).toEqual({ a: [2, 1] });
  });

  it("never credits a caller in another service with a downstream service's lookups", () => {
    //   a: GET /checkout (web, SERVER)
    //   └── b: POST /price (web, CLIENT)
    //       └── c: POST /price (pricing, SERVER)
    //           └── d: redis GET (pricing)   hit
    //   and a pricing lookup whose SERVER span never arrived:
    //   └── x: (pricing, CLIENT under web's b)   miss   → nobody
    const spans = [
      span("a", null, "web", { endpoint: "GET /checkout" }),
      span("b", "a", "web"),
      span("c", "b", "pricing", { endpoint: "POST /price" }),
      span("d", "c", "pricing", { cache: 1 }),
      span("x", "b", "pricing", { cache: 0 }),
    ];
    expect(summary(spans)).toEqual({ c: [1, 1] });
  });

  it("counts a SERVER span's own cache header as a lookup of its own endpoint", () => {
    expect(summary([span("a", null, "cdn", { endpoint: "GET /img", cache: 0 })])).toEqual({ a: [1, 0] });
  });

  it("leaves lookups whose request has not arrived unattributed (resolved again when it does)", () => {
    const orphan = [span("d", "missing", "checkout", { cache: 1 })];
    expect(summary(orphan)).toEqual({});
  });

  it("survives a parent cycle in malformed input", () => {
    expect(summary([span("a", "b", "s", { cache: 1 }), span("b", "a", "s")])).toEqual({});
  });

  it("handles a 100k-deep chain without recursion", () => {
    const chain: AttributionSpan[] = [span("0", null, "s", { endpoint: "GET /deep" })];
    for (let i = 1; i < 100_000; i++)
      chain.push(span(String(i), String(i - 1), "s", { cache: (i % 2) as 0 | 1 }));
    expect(summary(chain)).toEqual({ "0": [99_999, 50_000] });
  });
});
