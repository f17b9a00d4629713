// The slowest requests of one endpoint in a window, each a link to its trace:
// GET /api/endpoints/exemplars. Reads raw spans through the partial endpoint index.
import type { Exemplar } from "@/lib/api/endpoint-schemas";
import type { TimeWindow } from "@/lib/api/time-range";
import { getPool } from "@/lib/db/pool";
import { REQUEST_ERROR_SQL } from "@/lib/semconv/request-error";

const SLOWEST = `
SELECT trace_id, span_id, start_time_unix_nano, duration_nano, ${REQUEST_ERROR_SQL} AS error
FROM spans
WHERE service_name = $1 AND endpoint = $2
  AND start_time_unix_nano >= $3 AND start_time_unix_nano < $4
ORDER BY duration_nano DESC
LIMIT $5`;

export async function getEndpointExemplars(
  window: TimeWindow,
  service: string,
  endpoint: string,
  limit: number,
): Promise<Exemplar[]> {
  const { rows } = await getPool().query<{
    trace_id: Buffer;
    span_id: Buffer;
    start_time_unix_nano: string;
    duration_nano: string;
    error: boolean;
  }>(SLOWEST, [service, endpoint, BigInt(window.from) * 1_000_000n, BigInt(window.to) * 1_000_000n, limit]);
  return rows.map((row) => ({
    traceId: row.trace_id.toString("hex"),
    spanId: row.span_id.toString("hex"),
    startTimeUnixNano: row.start_time_unix_nano,
    durationMs: Number(row.duration_nano) / 1e6,
    error: row.error,
  }));
}
