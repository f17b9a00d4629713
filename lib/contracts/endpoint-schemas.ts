// Response contracts of the latency API (docs/api.md), shared by route handlers and hooks.
// Times are epoch milliseconds; latencies are milliseconds with sub-ms precision.
import { z } from "zod";
import { cacheEndpointSchema, cacheSpanSchema } from "@/lib/model/caches";
import {
  endpointSummarySchema,
  exemplarSchema,
  latencyPointSchema,
  serviceSummarySchema,
} from "@/lib/model/endpoints";

export const endpointsResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  endpoints: z.array(endpointSummarySchema),
});

export const timeseriesResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  stepMs: z.number(),
  points: z.array(latencyPointSchema),
});

export const servicesResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  stepMs: z.number(),
  services: z.array(serviceSummarySchema),
});

export const exemplarsResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  exemplars: z.array(exemplarSchema),
});

export const cachesResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  /** ranked by misses, most first */
  endpoints: z.array(cacheEndpointSchema),
  caches: z.array(cacheSpanSchema),
});

export type CachesResponse = z.infer<typeof cachesResponseSchema>;
export type EndpointsResponse = z.infer<typeof endpointsResponseSchema>;
export type TimeseriesResponse = z.infer<typeof timeseriesResponseSchema>;
export type ServicesResponse = z.infer<typeof servicesResponseSchema>;
export type ExemplarsResponse = z.infer<typeof exemplarsResponseSchema>;
