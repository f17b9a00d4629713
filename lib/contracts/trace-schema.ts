// GET /api/traces/{traceId} response contract, shared by the route handler and useTrace.
import { z } from "zod";
import { traceSpanSchema } from "@/lib/model/traces";

export const traceResponseSchema = z.object({
  traceId: z.string(),
  /** only when `maxSpans` or `view=page` left spans out */
  spanCount: z.number().int().optional(),
  omittedSpanCount: z.number().int().optional(),
  spans: z.array(traceSpanSchema),
});

export type TraceResponse = z.infer<typeof traceResponseSchema>;
