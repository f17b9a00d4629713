// One trace with all its spans, shaped as the GET /api/traces/{traceId} response (one object per
// span, the API's documented shape). The trace page reads the compact shape instead
// (get-compact-trace.ts); both come from the same rows (load-trace-rows.ts).

import { type LoadTraceOptions, loadTraceRows } from "@/lib/analysis/trace-pages/load-trace-rows";
import type { Db } from "@/lib/db/sql";
import { spanKindNames, statusCodeNames } from "@/lib/model/span-kind";
import type { TraceSpan, TraceWithSpans } from "@/lib/model/traces";

export type GetTraceOptions = LoadTraceOptions;

export async function getTrace(
  db: Db,
  traceIdHex: string,
  options: GetTraceOptions = {},
): Promise<TraceWithSpans | null> {
  const loaded = await loadTraceRows(db, traceIdHex, options);
  if (!loaded) return null;
  const { rows, resourceById } = loaded;
  return {
    traceId: traceIdHex,
    ...(loaded.omittedSpanCount !== undefined
      ? { spanCount: loaded.spanCount, omittedSpanCount: loaded.omittedSpanCount }
      : {}),
    spans: rows.map((row): TraceSpan => {
      const start = BigInt(row.start_time_unix_nano);
      const duration = BigInt(row.duration_nano);
      return {
        spanId: row.span_id,
        parentSpanId: row.parent_span_id || null,
        name: row.name,
        service: row.service_name,
        endpoint: row.endpoint,
        kind: spanKindNames[row.kind] ?? "UNSPECIFIED",
        startTimeUnixNano: start.toString(),
        endTimeUnixNano: (start + duration).toString(),
        durationMs: Number(duration) / 1e6,
        status: {
          code: statusCodeNames[row.status_code] ?? "UNSET",
          ...(row.status_message ? { message: row.status_message } : {}),
        },
        attributes: row.attributes,
        resource: resourceById.get(row.resource_id) ?? {},
        scope: { name: row.scope_name, version: row.scope_version },
        events: row.events ?? [],
        links: row.links ?? [],
      };
    }),
  };
}
