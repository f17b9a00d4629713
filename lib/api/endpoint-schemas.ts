// Response contracts of the latency API (docs/api.md), shared by route handlers and hooks.
// Times are epoch milliseconds; latencies are milliseconds with sub-ms precision.
import { z } from "zod";

const quantile = z.number().nullable();

export const endpointSummarySchema = z.object({
  service: z.string(),
  endpoint: z.string(),
  count: z.number(),
  errorCount: z.number(),
  errorRate: z.number(),
  p50Ms: quantile,
  p95Ms: quantile,
  p99Ms: quantile,
  /** hits / lookups; null when the endpoint made no cache lookups */
  cacheHitRatio: z.number().nullable(),
  cacheLookups: z.number(),
});

export const endpointsResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  endpoints: z.array(endpointSummarySchema),
});

export const latencyPointSchema = z.object({
  t: z.number(),
  count: z.number(),
  errorCount: z.number(),
  p50Ms: quantile,
  p95Ms: quantile,
  p99Ms: quantile,
  /** cache lookups attributed to this endpoint's requests in the step, and how many hit */
  cacheLookups: z.number(),
  cacheHits: z.number(),
  /** p95 of requests with at least one cache miss, and of requests whose lookups all hit */
  cacheMissP95Ms: quantile,
  cacheHitP95Ms: quantile,
});

export const timeseriesResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  stepMs: z.number(),
  points: z.array(latencyPointSchema),
});

export const serviceSummarySchema = z.object({
  service: z.string(),
  count: z.number(),
  /** requests per second over the window */
  requestRate: z.number(),
  errorCount: z.number(),
  errorRate: z.number(),
  p50Ms: quantile,
  p95Ms: quantile,
  p99Ms: quantile,
  /** request count per step, for a sparkline */
  sparkline: z.array(z.object({ t: z.number(), count: z.number() })),
});

export const servicesResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  stepMs: z.number(),
  services: z.array(serviceSummarySchema),
});

export const exemplarSchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  startTimeUnixNano: z.string(),
  durationMs: z.number(),
  error: z.boolean(),
});

export const exemplarsResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  exemplars: z.array(exemplarSchema),
});

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

export const cachesResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  /** ranked by misses, most first */
  endpoints: z.array(cacheEndpointSchema),
  caches: z.array(cacheSpanSchema),
});

export type CacheEndpoint = z.infer<typeof cacheEndpointSchema>;
export type CacheSpan = z.infer<typeof cacheSpanSchema>;
export type CachesResponse = z.infer<typeof cachesResponseSchema>;
export type EndpointSummary = z.infer<typeof endpointSummarySchema>;
export type EndpointsResponse = z.infer<typeof endpointsResponseSchema>;
export type LatencyPoint = z.infer<typeof latencyPointSchema>;
export type TimeseriesResponse = z.infer<typeof timeseriesResponseSchema>;
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;
export type ServicesResponse = z.infer<typeof servicesResponseSchema>;
export type Exemplar = z.infer<typeof exemplarSchema>;
export type ExemplarsResponse = z.infer<typeof exemplarsResponseSchema>;
