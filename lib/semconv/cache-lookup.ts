// Which spans are cache lookups, and did they hit (README § Cache hit ratio).
//
// A span is a lookup when it carries cache.hit (boolean), or cache.result / cache.status equal
// to "hit" or "miss" (any letter case). A SERVER span whose response carries an HTTP cache header
// (http.response.header.x-cache or http.response.header.cache-status, containing HIT or MISS)
// is one lookup for its own endpoint.
import type { Attributes, AttributeValue } from "@/lib/model/attribute-value";
import { SpanKind } from "@/lib/model/span-kind";

export const CACHE_HIT = 1;
export const CACHE_MISS = 0;
export type CacheResult = typeof CACHE_HIT | typeof CACHE_MISS;

const SERVER = SpanKind.SERVER;
const HEADER_KEYS = ["http.response.header.x-cache", "http.response.header.cache-status"];

export function cacheResultOf(kind: number, attributes: Attributes): CacheResult | null {
  const hit = attributes["cache.hit"];
  if (typeof hit === "boolean") return hit ? CACHE_HIT : CACHE_MISS;
  for (const key of ["cache.result", "cache.status"]) {
    const value = attributes[key];
    if (typeof value === "string") {
      const word = value.trim().toLowerCase();
      if (word === "hit") return CACHE_HIT;
      if (word === "miss") return CACHE_MISS;
    }
  }
  if (kind === SERVER) {
    for (const key of HEADER_KEYS) {
      const result = headerResult(attributes[key]);
      if (result !== null) return result;
    }
  }
  return null;
}

/** Header attributes are string arrays in current semantic conventions, plain strings in older ones. */
function headerResult(value: AttributeValue | undefined): CacheResult | null {
  const text = (
    Array.isArray(value) ? value.join(",") : typeof value === "string" ? value : ""
  ).toLowerCase();
  // "MISS", "Miss from cloudfront", "ExampleCache; fwd=uri-miss" are misses; a miss anywhere
  // (e.g. a CDN hit after an origin miss is reported as "hit" only) wins over a hit.
  if (text.includes("miss")) return CACHE_MISS;
  if (text.includes("hit")) return CACHE_HIT;
  return null;
}

/** The cache system of a lookup span, e.g. "redis", for the Caches view. */
export function cacheSystemOf(attributes: Attributes): string | null {
  for (const key of ["db.system.name", "db.system", "cache.system"]) {
    const value = attributes[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return null;
}
