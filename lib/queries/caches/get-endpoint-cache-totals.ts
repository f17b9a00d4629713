// Attributed cache lookups and hits per endpoint over a window (for the cacheHitRatio column of
// GET /api/endpoints).
import type { TimeWindow } from "@/lib/api/time-range";
import { getPool } from "@/lib/db/pool";
import { msToMinute } from "@/lib/rollups/minutes";

const TOTALS = `
SELECT service_name, endpoint, sum(lookups)::float8 AS lookups, sum(hits)::float8 AS hits
FROM endpoint_cache_minutes
WHERE minute >= $1 AND minute < $2 AND ($3::text IS NULL OR service_name = $3)
GROUP BY service_name, endpoint
HAVING sum(lookups) > 0`;

export interface CacheTotals {
  lookups: number;
  hits: number;
}

/** Keyed by `${service}\u0000${endpoint}`. */
export async function getEndpointCacheTotals(
  window: TimeWindow,
  service?: string,
): Promise<Map<string, CacheTotals>> {
  const { rows } = await getPool().query<{
    service_name: string;
    endpoint: string;
    lookups: number;
    hits: number;
  }>(TOTALS, [msToMinute(window.from), msToMinute(window.to), service ?? null]);
  return new Map(
    rows.map((row) => [`${row.service_name}\u0000${row.endpoint}`, { lookups: row.lookups, hits: row.hits }]),
  );
}
