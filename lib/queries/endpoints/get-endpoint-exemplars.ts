// The slowest requests of one endpoint in a window, or its failed requests (newest first), each a
// link to its trace: GET /api/endpoints/exemplars. Reads raw spans through the partial endpoint index.
import { z } from "zod";
import { type Db, raw, sql } from "@/lib/db/sql";
import type { Exemplar } from "@/lib/model/endpoints";
import type { TimeWindow } from "@/lib/model/time-window";
import { REQUEST_ERROR_SQL } from "@/lib/semconv/request-error";

const ExemplarRow = z.object({
  trace_id: z.instanceof(Buffer),
  span_id: z.instanceof(Buffer),
  start_time_unix_nano: z.string(),
  duration_nano: z.string(),
  error: z.boolean(),
});

export async function getEndpointExemplars(
  db: Db,
  window: TimeWindow,
  service: string,
  endpoint: string,
  limit: number,
  /** only failed requests, newest first, instead of the slowest of all */
  errorsOnly = false,
): Promise<Exemplar[]> {
  const rows = await db.many(
    sql`SELECT trace_id, span_id, start_time_unix_nano, duration_nano, ${raw(REQUEST_ERROR_SQL)} AS error
        FROM spans
        WHERE service_name = ${service} AND endpoint = ${endpoint}
          AND start_time_unix_nano >= ${BigInt(window.from) * 1_000_000n}
          AND start_time_unix_nano < ${BigInt(window.to) * 1_000_000n}
          ${errorsOnly ? sql`AND ${raw(REQUEST_ERROR_SQL)}` : sql``}
        ORDER BY ${errorsOnly ? sql`start_time_unix_nano DESC` : sql`duration_nano DESC`}
        LIMIT ${limit}`,
    ExemplarRow,
  );
  return rows.map((row) => ({
    traceId: row.trace_id.toString("hex"),
    spanId: row.span_id.toString("hex"),
    startTimeUnixNano: row.start_time_unix_nano,
    durationMs: Number(row.duration_nano) / 1e6,
    error: row.error,
  }));
}
