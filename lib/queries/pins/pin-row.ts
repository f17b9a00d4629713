// The pinned_traces row as queries read it, and its API shape.
import { z } from "zod";
import { raw } from "@/lib/db/sql";
import type { Pin } from "@/lib/model/pins";
import { TraceSummaryColumns } from "@/lib/queries/traces/trace-summary-row";

export const PIN_COLUMNS = raw(`p.trace_id, p.note, p.pinned_by, p.pinned_at, p.start_time_unix_nano,
  p.end_time_unix_nano - p.start_time_unix_nano AS duration_nano, p.span_count, p.error_count,
  p.root_service_name, p.root_span_name, p.services`);

export const PinRow = TraceSummaryColumns.extend({
  note: z.string(),
  pinned_by: z.string(),
  pinned_at: z.date(),
});

export function toPin(row: z.infer<typeof PinRow>): Pin {
  return {
    traceId: row.trace_id.toString("hex"),
    note: row.note,
    pinnedBy: row.pinned_by,
    pinnedAt: row.pinned_at.toISOString(),
    startTimeUnixNano: row.start_time_unix_nano,
    durationMs: Number(row.duration_nano) / 1e6,
    spanCount: row.span_count,
    errorCount: row.error_count,
    rootService: row.root_service_name,
    rootName: row.root_span_name,
    services: row.services,
  };
}
