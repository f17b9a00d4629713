// GET /api/traces response contract, shared by the route handler and useTraceSearch.
import { z } from "zod";

export const traceSearchSorts = ["start", "duration", "spans", "errors"] as const;
export type TraceSearchSort = (typeof traceSearchSorts)[number];

export const traceSummarySchema = z.object({
  traceId: z.string(),
  rootService: z.string().nullable(),
  rootName: z.string().nullable(),
  /** the root span's endpoint, when the root is a request span */
  endpoint: z.string().nullable(),
  /** exact nanoseconds since the epoch, as a decimal string */
  startTimeUnixNano: z.string(),
  /** the trace's duration: first span start to last span end */
  durationMs: z.number(),
  spanCount: z.number().int(),
  errorCount: z.number().int(),
  services: z.array(z.string()),
});

export const traceSearchResponseSchema = z.object({
  traces: z.array(traceSummarySchema),
  /** matching traces in the window, counted up to a cap */
  total: z.number().int(),
  /** true when more than `total` traces matched */
  totalIsLowerBound: z.boolean(),
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: z.string().nullable(),
});

export type TraceSummary = z.infer<typeof traceSummarySchema>;
export type TraceSearchResponse = z.infer<typeof traceSearchResponseSchema>;

export const attributeKeysResponseSchema = z.object({ keys: z.array(z.string()) });
export type AttributeKeysResponse = z.infer<typeof attributeKeysResponseSchema>;
