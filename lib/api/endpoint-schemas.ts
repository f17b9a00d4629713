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

export type EndpointSummary = z.infer<typeof endpointSummarySchema>;
export type EndpointsResponse = z.infer<typeof endpointsResponseSchema>;
export type LatencyPoint = z.infer<typeof latencyPointSchema>;
export type TimeseriesResponse = z.infer<typeof timeseriesResponseSchema>;
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;
export type ServicesResponse = z.infer<typeof servicesResponseSchema>;
export type Exemplar = z.infer<typeof exemplarSchema>;
export type ExemplarsResponse = z.infer<typeof exemplarsResponseSchema>;
