// One span as the trace API serves it (GET /api/traces/{traceId}), shared by the query that
// builds it, the route, the hook and the trace page. Times are exact nanoseconds as decimal strings.
import { z } from "zod";
import { attributesSchema } from "@/lib/model/attribute-value";
import { spanKindNames, statusCodeNames } from "@/lib/model/span-kind";

export const traceSpanSchema = z.object({
  spanId: z.string(),
  parentSpanId: z.string().nullable(),
  name: z.string(),
  service: z.string(),
  /** the endpoint this span is a request of (SERVER and CONSUMER spans); null for the others */
  endpoint: z.string().nullable().optional(),
  kind: z.enum(spanKindNames),
  /** exact nanoseconds since the epoch, as a decimal string */
  startTimeUnixNano: z.string(),
  endTimeUnixNano: z.string(),
  durationMs: z.number(),
  status: z.object({ code: z.enum(statusCodeNames), message: z.string().optional() }),
  attributes: attributesSchema,
  resource: attributesSchema,
  scope: z.object({ name: z.string().nullable(), version: z.string().nullable() }),
  events: z.array(z.object({ name: z.string(), timeUnixNano: z.string(), attributes: attributesSchema })),
  links: z.array(
    z.object({
      traceId: z.string(),
      spanId: z.string(),
      traceState: z.string().optional(),
      attributes: attributesSchema,
    }),
  ),
});

export type TraceSpan = z.infer<typeof traceSpanSchema>;

export interface TraceWithSpans {
  traceId: string;
  /** with a span cap only, when spans were left out: the trace's span count */
  spanCount?: number;
  /** with a span cap only: how many of the trace's spans (the latest started) are not in `spans` */
  omittedSpanCount?: number;
  spans: TraceSpan[];
}

/** Trace ids are 32 lowercase hex characters (16 bytes), span ids 16 (8 bytes). */
export const traceIdPattern = /^[0-9a-f]{32}$/;
export const spanIdPattern = /^[0-9a-f]{16}$/;
