// The trace summary columns as `traces` and `pinned_traces` rows carry them (int8 as strings),
// shared by trace search and the pins.
import { z } from "zod";

export const TraceSummaryColumns = z.object({
  trace_id: z.instanceof(Buffer),
  start_time_unix_nano: z.string(),
  /** end − start */
  duration_nano: z.string(),
  span_count: z.number(),
  error_count: z.number(),
  root_service_name: z.string().nullable(),
  root_span_name: z.string().nullable(),
  services: z.array(z.string()),
});
