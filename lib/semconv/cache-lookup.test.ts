import { describe, expect, it } from "vitest";
import { SpanKind } from "@/lib/model/span-kind";
import { CACHE_HIT, CACHE_MISS, cacheResultOf, cacheSystemOf } from "@/lib/semconv/cache-lookup";

const { INTERNAL } = SpanKind;
const { SERVER } = SpanKind;
const { CLIENT } = SpanKind;

describe("cacheResultOf", () => {
  it.each([
    ["cache.hit true", CLIENT, { "cache.hit": true }, CACHE_HIT],
    ["cache.hit false", INTERNAL, { "cache.hit": false }, CACHE_MISS],
    ["cache.result HIT (upper case)", CLIENT, { "cache.result": "HIT" }, CACHE_HIT],
    ["cache.status Miss", CLIENT, { "cache.status": "Miss" }, CACHE_MISS],
    ["cache.result of another word", CLIENT, { "cache.result": "stale" }, null],
    ["cache.hit as a string is not the boolean form", CLIENT, { "cache.hit": "true" }, null],
    ["x-cache header on a SERVER span", SERVER, { "http.response.header.x-cache": ["HIT"] }, CACHE_HIT],
    [
      "x-cache as an old-style string",
      SERVER,
      { "http.response.header.x-cache": "Miss from cloudfront" },
      CACHE_MISS,
    ],
    [
      "cache-status with a forward miss",
      SERVER,
      { "http.response.header.cache-status": ["ExampleCache; fwd=uri-miss"] },
      CACHE_MISS,
    ],
    ["cache-status hit", SERVER, { "http.response.header.cache-status": ["ExampleCache; hit"] }, CACHE_HIT],
    [
      "a cache header on a CLIENT span does not count",
      CLIENT,
      { "http.response.header.x-cache": ["HIT"] },
      null,
    ],
    ["no cache attributes", SERVER, { "http.route": "/x" }, null],
  ])("%s", (_shape, kind, attributes, expected) => {
    expect(cacheResultOf(kind, attributes)).toBe(expected);
  });
});

describe("cacheSystemOf", () => {
  it.each([
    [{ "db.system": "redis" }, "redis"],
    [{ "db.system.name": "memcached", "db.system": "other" }, "memcached"],
    [{ "cache.system": "caffeine" }, "caffeine"],
    [{}, null],
  ])("%o → %s", (attributes, expected) => {
    expect(cacheSystemOf(attributes)).toBe(expected);
  });
});
