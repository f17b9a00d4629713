// Attributed cache lookups and hits per endpoint over a window: the cacheHitRatio column of
// GET /api/endpoints and the endpoint rows of GET /api/caches.
import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";
import { endpointKey } from "@/lib/model/composite-key";
import type { TimeWindow } from "@/lib/model/time-window";
import { msToMinute } from "@/lib/rollups/minutes";

const TotalsRow = z.object({
  service_name: z.string(),
  endpoint: z.string(),
  lookups: z.number(),
  hits: z.number(),
});

export interface EndpointCacheTotals {
  service: string;
  endpoint: string;
  lookups: number;
  hits: number;
}

/** Endpoints that made lookups in the window, keyed by endpointKey(service, endpoint). */
export async function getEndpointCacheTotals(
  db: Db,
  window: TimeWindow,
  service?: string,
): Promise<Map<string, EndpointCacheTotals>> {
  const rows = await db.many(
    sql`SELECT service_name, endpoint, sum(lookups)::float8 AS lookups, sum(hits)::float8 AS hits
        FROM endpoint_cache_minutes
        WHERE minute >= ${msToMinute(window.from)} AND minute < ${msToMinute(window.to)}
          AND (${service ?? null}::text IS NULL OR service_name = ${service ?? null})
        GROUP BY service_name, endpoint
        HAVING sum(lookups) > 0`,
    TotalsRow,
  );
  return new Map(
    rows.map((row) => [
      endpointKey(row.service_name, row.endpoint),
      { service: row.service_name, endpoint: row.endpoint, lookups: row.lookups, hits: row.hits },
    ]),
  );
}
