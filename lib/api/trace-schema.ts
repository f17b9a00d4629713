// GET /api/traces/{traceId} response contract, shared by the route handler and useTrace.
import { z } from "zod";

export const spanKindNames = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"] as const;
export const statusCodeNames = ["UNSET", "OK", "ERROR"] as const;

const attributeValue: z.ZodType<unknown> = z.unknown();
const attributes = z.record(z.string(), attributeValue);

export const traceSpanSchema = z.object({
  spanId: z.string(),
  parentSpanId: z.string().nullable(),
  name: z.string(),
  service: z.string(),
  kind: z.enum(spanKindNames),
  /** exact nanoseconds since the epoch, as a decimal string */
  startTimeUnixNano: z.string(),
  endTimeUnixNano: z.string(),
  durationMs: z.number(),
  status: z.object({ code: z.enum(statusCodeNames), message: z.string().optional() }),
  attributes,
  resource: attributes,
  scope: z.object({ name: z.string().nullable(), version: z.string().nullable() }),
  events: z.array(z.object({ name: z.string(), timeUnixNano: z.string(), attributes })),
  links: z.array(
    z.object({ traceId: z.string(), spanId: z.string(), traceState: z.string().optional(), attributes }),
  ),
});

export const traceResponseSchema = z.object({
  traceId: z.string(),
  spans: z.array(traceSpanSchema),
});

export type TraceSpan = z.infer<typeof traceSpanSchema>;
export type TraceResponse = z.infer<typeof traceResponseSchema>;

/** Trace ids are 32 lowercase hex characters (16 bytes), span ids 16 (8 bytes). */
export const traceIdPattern = /^[0-9a-f]{32}$/;
export const spanIdPattern = /^[0-9a-f]{16}$/;
