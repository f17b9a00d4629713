// GET /api/spans/slow response contract, shared by the route handler and useSlowSpans.
import { z } from "zod";

export const slowSpanExampleSchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  durationMs: z.number(),
});

export const slowSpanGroupSchema = z.object({
  service: z.string(),
  /** the span name, or for database spans the statement, with literals and ids replaced by "?" */
  name: z.string(),
  count: z.number().int(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  maxMs: z.number(),
  totalMs: z.number(),
  /** totalMs / the requests' summed duration; concurrent spans can make the sum exceed 1 */
  share: z.number(),
  /** the slowest spans of the group, slowest first */
  examples: z.array(slowSpanExampleSchema),
});

export const slowSpansResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  requestCount: z.number().int(),
  requestTimeMs: z.number(),
  groups: z.array(slowSpanGroupSchema),
});

export type SlowSpanGroup = z.infer<typeof slowSpanGroupSchema>;
export type SlowSpansResponse = z.infer<typeof slowSpansResponseSchema>;
