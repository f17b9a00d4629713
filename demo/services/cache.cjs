// Cache-aside for the demo: look up, on a miss load from PostgreSQL and store with a TTL.
// In-process by default (a Map, each lookup an INTERNAL span carrying cache.hit); Redis when
// REDIS_URL is set (ioredis, whose GET spans get cache.hit from the instrumentation's
// responseHook in telemetry.cjs). Never required: the demo must run on a bare machine.
const { trace, SpanKind } = require("@opentelemetry/api");

const tracer = trace.getTracer("tracewell-demo-cache");

function createCache({ ttlMs }) {
  return process.env.REDIS_URL ? redisCache(process.env.REDIS_URL, ttlMs) : memoryCache(ttlMs);
}

function memoryCache(ttlMs) {
  /** @type {Map<string, { value: unknown, expires: number }>} */
  const entries = new Map();
  return {
    system: "in-process",
    size: () => entries.size,
    get(key) {
      return tracer.startActiveSpan(
        "cache get",
        { kind: SpanKind.INTERNAL, attributes: { "cache.system": "in-process", "cache.key": key } },
        (span) => {
          const entry = entries.get(key);
          const hit = entry !== undefined && entry.expires > Date.now();
          span.setAttribute("cache.hit", hit);
          span.end();
          return Promise.resolve(hit ? entry.value : undefined);
        },
      );
    },
    set(key, value) {
      entries.set(key, { value, expires: Date.now() + ttlMs });
      return Promise.resolve();
    },
    flush() {
      entries.clear();
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}

function redisCache(url, ttlMs) {
  const Redis = require("ioredis");
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: false });
  redis.on("error", () => {}); // reported per command; the shop keeps serving from PostgreSQL
  // A flush moves to a new key prefix instead of FLUSHDB: the demo never touches other data in
  // that Redis, and the old keys expire on their own.
  let generation = Date.now();
  let stored = 0;
  const prefixed = (key) => `tracewell-demo:${generation}:${key}`;
  return {
    system: "redis",
    size: () => stored,
    async get(key) {
      const text = await redis.get(prefixed(key));
      return text === null ? undefined : JSON.parse(text);
    },
    async set(key, value) {
      await redis.set(prefixed(key), JSON.stringify(value), "PX", ttlMs);
      stored += 1;
    },
    flush() {
      generation = Date.now();
      stored = 0;
      return Promise.resolve();
    },
    close: () => redis.quit().then(() => undefined),
  };
}

/** Cache-aside: the lookup, and on a miss the load and the store. */
async function cacheAside(cache, key, load) {
  const cached = await cache.get(key);
  if (cached !== undefined) return cached;
  const fresh = await load();
  await cache.set(key, fresh);
  return fresh;
}

module.exports = { createCache, cacheAside };
