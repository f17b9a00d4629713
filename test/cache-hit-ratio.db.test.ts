// Cache hit ratios end to end with the official exporter: every attribute form, lookups nested
// under internal spans, a downstream service, children arriving before their parents in another
// batch (after the first attribution already ran), and retried exports — ratios must be exact.
import { randomBytes } from "node:crypto";
import { ROOT_CONTEXT, type Span, SpanKind, type Tracer, trace } from "@opentelemetry/api";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import { describe, expect, inject, it } from "vitest";
import {
  type CachesResponse,
  cachesResponseSchema,
  type EndpointsResponse,
  endpointsResponseSchema,
  timeseriesResponseSchema,
} from "@/lib/contracts/endpoint-schemas";
import { makeExporter, sendSpans } from "@/test/support/send-spans";

const { baseUrl, otlpHttpUrl } = inject("tracewell");
const suffix = randomBytes(3).toString("hex");
const shop = `shop-${suffix}`;
const pricing = `pricing-${suffix}`;
const now = Date.now();
const range = `from=${now - 30 * 60_000}&to=${now + 60_000}`;
const under = (parent: Span) => trace.setSpan(ROOT_CONTEXT, parent);

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const endpoints = async (service: string): Promise<EndpointsResponse> =>
  endpointsResponseSchema.parse(
    await (await fetch(`${baseUrl}/api/endpoints?service=${service}&${range}`)).json(),
  );
const endpointOf = (body: EndpointsResponse, name: string) => body.endpoints.find((e) => e.endpoint === name);

/**
 * 10 requests to GET /products/{id} (shop), each:
 *
 *   GET /products/{id}            SERVER
 *   ├── load product              INTERNAL
 *   │   └── read-through          INTERNAL
 *   │       └── cache get         INTERNAL  cache.hit (true on even requests)
 *   ├── redis GET                 CLIENT    cache.result "HIT" / "miss", db.system redis
 *   └── POST /price               CLIENT
 *       └── POST /price           SERVER (pricing)
 *           └── price cache       INTERNAL  cache.status "Miss" on every third request, else "hit"
 *
 * Even requests hit twice (2/2, fast); odd ones miss twice (0/2, slow).
 * Expected: shop GET /products/{id} = 10 hits / 20 lookups; pricing POST /price its own 10 lookups.
 */
function recordShop(tracer: Tracer): void {
  for (let i = 0; i < 10; i++) {
    const start = now - 10 * 60_000 + i * 1000;
    const slow = i % 2 === 1;
    const root = tracer.startSpan(
      "GET /products/{id}",
      {
        kind: SpanKind.SERVER,
        startTime: start,
        attributes: { "http.request.method": "GET", "http.route": "/products/{id}" },
      },
      ROOT_CONTEXT,
    );
    const load = tracer.startSpan("load product", { startTime: start + 1 }, under(root));
    const readThrough = tracer.startSpan("read-through", { startTime: start + 1 }, under(load));
    tracer
      .startSpan(
        "cache get",
        { startTime: start + 1, attributes: { "cache.hit": !slow } },
        under(readThrough),
      )
      .end(start + 2);
    readThrough.end(start + 3);
    load.end(start + 3);
    tracer
      .startSpan(
        "redis GET",
        {
          kind: SpanKind.CLIENT,
          startTime: start + 3,
          attributes: { "cache.result": slow ? "miss" : "HIT", "db.system": "redis" },
        },
        under(root),
      )
      .end(start + 4);
    const call = tracer.startSpan(
      "POST /price",
      { kind: SpanKind.CLIENT, startTime: start + 4 },
      under(root),
    );
    const priced = tracer.startSpan(
      "POST /price",
      {
        kind: SpanKind.SERVER,
        startTime: start + 5,
        attributes: { "http.request.method": "POST", "http.route": "/price" },
      },
      under(call),
    );
    tracer
      .startSpan(
        "price cache",
        { startTime: start + 5, attributes: { "cache.status": i % 3 === 0 ? "Miss" : "hit" } },
        under(priced),
      )
      .end(start + 6);
    priced.end(start + 7);
    call.end(start + 7);
    root.end(start + (slow ? 200 : 10));
  }
}

describe("cache hit ratio per endpoint", () => {
  it("attributes every attribute form through nested spans, never to a caller in another service", async () => {
    const spans = await sendSpans(recordOnly, recordShop, { "service.name": shop });
    // The pricing spans belong to the pricing service: send them under its own resource.
    const pricingSpans = spans.filter(
      (s) => s.name === "price cache" || (s.name === "POST /price" && s.kind === SpanKind.SERVER),
    );
    await exportAs(pricing, pricingSpans);
    await exportAs(
      shop,
      spans.filter((s) => !pricingSpans.includes(s)),
    );

    const body = await poll(
      () => endpoints(shop),
      (b) => endpointOf(b, "GET /products/{id}")?.cacheLookups === 20,
      "shop lookups",
    );
    expect(endpointOf(body, "GET /products/{id}")?.cacheHitRatio).toBe(10 / 20);
    const downstream = await poll(
      () => endpoints(pricing),
      (b) => endpointOf(b, "POST /price")?.cacheLookups === 10,
      "pricing lookups",
    );
    // i % 3 === 0 for i in 0..9 → 4 misses.
    expect(endpointOf(downstream, "POST /price")?.cacheHitRatio).toBe(6 / 10);
    expect(endpointOf(await endpoints(shop), "POST /price")).toBeUndefined();
  });

  it("shows per-step lookups and what a miss costs in the timeseries, and ranks endpoints by misses in /api/caches", async () => {
    const path = `/api/endpoints/timeseries?service=${shop}&endpoint=${encodeURIComponent("GET /products/{id}")}&${range}`;
    const series = timeseriesResponseSchema.parse(await (await fetch(`${baseUrl}${path}`)).json());
    expect(series.points.reduce((n, p) => n + p.cacheLookups, 0)).toBe(20);
    expect(series.points.reduce((n, p) => n + p.cacheHits, 0)).toBe(10);
    const point = series.points.find((p) => p.cacheLookups > 0);
    expect(point?.cacheMissP95Ms).toBeGreaterThan(150);
    expect(point?.cacheHitP95Ms).toBeLessThan(20);

    const caches: CachesResponse = cachesResponseSchema.parse(
      await (await fetch(`${baseUrl}/api/caches?service=${shop}&${range}`)).json(),
    );
    expect(caches.endpoints[0]).toMatchObject({
      endpoint: "GET /products/{id}",
      lookups: 20,
      hits: 10,
      misses: 10,
    });
    expect(caches.caches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "redis GET", system: "redis", lookups: 10, hits: 5 }),
        expect.objectContaining({ name: "cache get", system: null, lookups: 10, hits: 5 }),
      ]),
    );
  });

  it("counts a SERVER span's own HTTP cache header, and stays exact when parents arrive after their children and exports are retried", async () => {
    const edge = `edge-${suffix}`;
    const spans = await sendSpans(
      recordOnly,
      (tracer) => {
        for (let i = 0; i < 4; i++) {
          const start = now - 5 * 60_000 + i * 1000;
          const root = tracer.startSpan(
            "GET /img/{file}",
            {
              kind: SpanKind.SERVER,
              startTime: start,
              attributes: {
                "http.request.method": "GET",
                "http.route": "/img/{file}",
                "http.response.header.x-cache": [i === 0 ? "MISS" : "HIT"],
              },
            },
            ROOT_CONTEXT,
          );
          tracer
            .startSpan(
              "disk cache",
              { startTime: start + 1, attributes: { "cache.hit": i !== 3 } },
              under(root),
            )
            .end(start + 2);
          root.end(start + 5);
        }
      },
      { "service.name": edge },
    );
    const children = spans.filter((s) => s.name === "disk cache");
    const parents = spans.filter((s) => s.name !== "disk cache");
    // Children first, alone: their request spans are unknown, so nothing can be attributed yet…
    await exportAs(edge, children);
    await new Promise((resolve) => setTimeout(resolve, 4_000)); // past the 2 s quiet period: resolved once
    // …then the parents in a later batch, twice (an exporter retry), and the children once more.
    await exportAs(edge, parents);
    await exportAs(edge, parents);
    await exportAs(edge, children);
    // 4 header lookups (3 hits) + 4 disk lookups (3 hits).
    const body = await poll(
      () => endpoints(edge),
      (b) => endpointOf(b, "GET /img/{file}")?.cacheLookups === 8,
      "edge lookups",
    );
    expect(endpointOf(body, "GET /img/{file}")).toMatchObject({
      count: 4,
      cacheLookups: 8,
      cacheHitRatio: 6 / 8,
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // any further resolution changes nothing
    expect(endpointOf(await endpoints(edge), "GET /img/{file}")).toMatchObject({ count: 4, cacheLookups: 8 });
  });
});

/** Records spans without sending them, so a test can send them in the batches it wants. */
const recordOnly: SpanExporter = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };

/** Exports already-recorded spans under another service's resource, as that service would. */
async function exportAs(service: string, spans: ReadableSpan[]): Promise<void> {
  const { resourceFromAttributes } = await import("@opentelemetry/resources");
  const resource = resourceFromAttributes({ "service.name": service });
  const exporter = makeExporter("http/protobuf", otlpHttpUrl);
  const result = await new Promise<{ code: number; error?: Error }>((resolve) =>
    exporter.export(
      // The same span seen through another resource (prototype chain keeps the SDK's getters).
      spans.map((span) => Object.create(span, { resource: { value: resource } }) as ReadableSpan),
      resolve,
    ),
  );
  if (result.code !== 0) throw new Error(`export failed: ${result.error?.message}`);
}
