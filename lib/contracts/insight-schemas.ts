// GET /api/insights response contract, shared by the route handler, useInsights and the pages.
import { z } from "zod";

export const insightKindSchema = z.enum(["n_plus_one", "sequential_calls", "slow_query", "cache_miss_cost"]);

export const insightExampleSchema = z.object({
  traceId: z.string(),
  /** the offending spans, to highlight in the trace */
  spanIds: z.array(z.string()),
  timeSavedMs: z.number(),
});

export const insightSchema = z.object({
  kind: insightKindSchema,
  service: z.string(),
  endpoint: z.string(),
  /** the normalised statement or URL; for sequential calls the calls' keys joined by " | "; for cache_miss_cost a fixed label */
  key: z.string(),
  /** requests in the window that show it */
  requests: z.number().int(),
  /** all requests of the endpoint in the window */
  endpointRequests: z.number().int(),
  /** requests / endpointRequests */
  share: z.number(),
  /** most calls seen in one request */
  maxCount: z.number().int(),
  /** what fixing it would save per affected request, on average */
  timeSavedMs: z.number(),
  totalTimeSavedMs: z.number(),
  /** cache_miss_cost only: latency of requests that missed at least once against those that only hit */
  cache: z
    .object({ missedP50Ms: z.number(), missedP95Ms: z.number(), hitP50Ms: z.number(), hitP95Ms: z.number() })
    .optional(),
  /** slow_query only: the statement over the whole window (every call, fast ones too) */
  statement: z
    .object({
      calls: z.number(),
      /** requests that ran it */
      requests: z.number(),
      p50Ms: z.number(),
      p95Ms: z.number(),
      maxMs: z.number(),
      totalMs: z.number(),
      /** its time as a share of the endpoint's request time */
      endpointTimeShare: z.number(),
    })
    .optional(),
  /** the affected requests that would save the most, most first (for cache_miss_cost: the slowest missed requests) */
  examples: z.array(insightExampleSchema),
});

/** close to a threshold but below it: why each is not a finding */
export const nearMissSchema = z.object({
  kind: insightKindSchema,
  service: z.string(),
  endpoint: z.string(),
  key: z.string(),
  requests: z.number().int(),
  /** the most common reason, e.g. "4 repeated calls: below the threshold of 5" */
  reason: z.string(),
  examples: z.array(insightExampleSchema),
});

export const insightsResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  /** ranked by totalTimeSavedMs, most first */
  findings: z.array(insightSchema),
  /** only when an endpoint is given: near misses, most requests first */
  nearMisses: z.array(nearMissSchema),
});

export type InsightKind = z.infer<typeof insightKindSchema>;
export type Insight = z.infer<typeof insightSchema>;
export type NearMiss = z.infer<typeof nearMissSchema>;
export type InsightsResponse = z.infer<typeof insightsResponseSchema>;
