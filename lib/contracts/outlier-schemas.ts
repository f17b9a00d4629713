// GET /api/endpoints/outliers response contract: what an endpoint's slow requests have in common.
import { z } from "zod";

export const outlierAttributeSchema = z.object({
  /** span: the request span's attribute; resource: its resource's; shape: error, insight kind, cache outcome */
  source: z.enum(["span", "resource", "shape"]),
  key: z.string(),
  value: z.string(),
  slowCount: z.number().int(),
  slowShare: z.number(),
  restCount: z.number().int(),
  restShare: z.number(),
});

export const outliersResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  /** the stretch of time whose requests are the compared set (chosen on the latency chart); null: the slow ones */
  selection: z.object({ from: z.number(), to: z.number() }).nullable(),
  /** requests slower than this are the slow set (the endpoint's p95 in the window); null: no requests, or a selection */
  thresholdMs: z.number().nullable(),
  slowCount: z.number().int(),
  restCount: z.number().int(),
  /** most over-represented in the slow set first */
  attributes: z.array(outlierAttributeSchema),
});

export type OutlierAttribute = z.infer<typeof outlierAttributeSchema>;
export type OutliersResponse = z.infer<typeof outliersResponseSchema>;
