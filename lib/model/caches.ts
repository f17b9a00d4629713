// Cache hit figures per endpoint and per cache span, as the queries compute them and the API
// serves them (envelope: lib/api/endpoint-schemas.ts).
import { z } from "zod";

const quantile = z.number().nullable();

export const cacheEndpointSchema = z.object({
  service: z.string(),
  endpoint: z.string(),
  lookups: z.number(),
  hits: z.number(),
  misses: z.number(),
  hitRatio: z.number(),
  /** p95 of this endpoint's requests that missed at least once / that only hit */
  missP95Ms: quantile,
  hitP95Ms: quantile,
});

export const cacheSpanSchema = z.object({
  service: z.string(),
  /** the cache span's name, e.g. "GET" or "redis GET" */
  name: z.string(),
  /** db.system (e.g. "redis"), or null */
  system: z.string().nullable(),
  lookups: z.number(),
  hits: z.number(),
  misses: z.number(),
  hitRatio: z.number(),
});

export type CacheEndpoint = z.infer<typeof cacheEndpointSchema>;
export type CacheSpan = z.infer<typeof cacheSpanSchema>;
