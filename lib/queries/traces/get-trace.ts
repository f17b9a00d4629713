// One trace with all its spans, shaped as the GET /api/traces/{traceId} response.
// The `traces` row gives the trace's time bounds first, so the span query prunes to the
// partitions (days) the trace touches instead of probing every partition's index.
import { spanKindNames, statusCodeNames, type TraceResponse, type TraceSpan } from "@/lib/api/trace-schema";
import { getPool } from "@/lib/db/pool";
import { getPrisma } from "@/lib/db/prisma";

interface SpanRecord {
  span_id: Buffer;
  parent_span_id: Buffer | null;
  name: string;
  service_name: string;
  kind: number;
  start_time_unix_nano: string; // int8 arrives as a string: exact
  duration_nano: string;
  status_code: number;
  status_message: string | null;
  resource_id: string;
  scope_name: string | null;
  scope_version: string | null;
  attributes: Record<string, unknown>;
  events: Array<{ name: string; timeUnixNano: string; attributes: Record<string, unknown> }> | null;
  links: TraceSpan["links"] | null;
}

const SPANS_OF_TRACE = `
SELECT span_id, parent_span_id, name, service_name, kind, start_time_unix_nano, duration_nano,
       status_code, status_message, resource_id, scope_name, scope_version, attributes, events, links
FROM spans
WHERE trace_id = $1 AND start_time_unix_nano BETWEEN $2 AND $3
ORDER BY start_time_unix_nano, span_id`;

export async function getTrace(traceIdHex: string): Promise<TraceResponse | null> {
  const traceId = Buffer.from(traceIdHex, "hex");
  const trace = await getPrisma().trace.findUnique({
    where: { traceId },
    select: { startTimeUnixNano: true, endTimeUnixNano: true },
  });
  if (!trace) return null;

  const { rows } = await getPool().query<SpanRecord>(SPANS_OF_TRACE, [
    traceId,
    trace.startTimeUnixNano.toString(),
    trace.endTimeUnixNano.toString(),
  ]);
  const resourceIds = [...new Set(rows.map((row) => BigInt(row.resource_id)))];
  const resources = await getPrisma().resource.findMany({
    where: { id: { in: resourceIds } },
    select: { id: true, attributes: true },
  });
  const resourceById = new Map(
    resources.map((r) => [r.id.toString(), r.attributes as Record<string, unknown>]),
  );

  return {
    traceId: traceIdHex,
    spans: rows.map((row) => {
      const start = BigInt(row.start_time_unix_nano);
      const duration = BigInt(row.duration_nano);
      return {
        spanId: row.span_id.toString("hex"),
        parentSpanId: row.parent_span_id ? row.parent_span_id.toString("hex") : null,
        name: row.name,
        service: row.service_name,
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
