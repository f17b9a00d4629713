// Per-endpoint and per-service figures as the queries compute them and the API serves them
// (the response envelopes are in lib/api/endpoint-schemas.ts). Times are epoch milliseconds;
// latencies milliseconds with sub-ms precision; quantiles null where there were no requests.
import { z } from "zod";

const quantile = z.number().nullable();

/** The same figures over the previous window of the same length; null when it had no requests. */
export const previousTotalsSchema = z
  .object({ count: z.number(), errorCount: z.number(), errorRate: z.number(), p95Ms: quantile })
  .nullable();

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
  previous: previousTotalsSchema.optional(),
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
  /** request count, failed requests and p95 per step, for sparklines */
  sparkline: z.array(z.object({ t: z.number(), count: z.number(), errorCount: z.number(), p95Ms: quantile })),
  previous: previousTotalsSchema,
});

export const exemplarSchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  startTimeUnixNano: z.string(),
  durationMs: z.number(),
  error: z.boolean(),
});

export type EndpointSummary = z.infer<typeof endpointSummarySchema>;
export type LatencyPoint = z.infer<typeof latencyPointSchema>;
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;
export type Exemplar = z.infer<typeof exemplarSchema>;
