// GET /api/compare response contract: an endpoint's requests on two sides (two service.versions
// or two time ranges), and whether its p95 changed beyond noise (lib/metrics/quantile-comparison.ts).
import { z } from "zod";

const quantile = z.number().nullable();

export const compareSideSchema = z.object({
  count: z.number().int(),
  errorRate: z.number(),
  p50Ms: quantile,
  p95Ms: quantile,
  p99Ms: quantile,
  /** the 95 % confidence interval of p95 */
  p95LowMs: quantile,
  p95HighMs: quantile,
  /** cache lookups attributed to these requests, and the share that hit; null without lookups */
  cacheLookups: z.number().int(),
  cacheHitRatio: z.number().nullable(),
});

export const compareResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  /** as given, or chosen: the newest version in the window against the one before it */
  baseline: z.string(),
  candidate: z.string(),
  endpoints: z.array(
    z.object({
      endpoint: z.string(),
      baseline: compareSideSchema,
      candidate: compareSideSchema,
      change: z.object({
        p95Ratio: z.number().nullable(),
        significant: z.boolean(),
        direction: z.enum(["slower", "faster", "same"]),
      }),
    }),
  ),
});

export type CompareResponse = z.infer<typeof compareResponseSchema>;
export type CompareSide = z.infer<typeof compareSideSchema>;
