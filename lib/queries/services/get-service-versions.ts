// The service.versions of a service's requests in a window (GET /api/services/versions), first
// seen first, with when each was first and last seen and how many requests it served: the
// endpoint page marks each version change on its charts, the compare page offers them as sides.
// Request spans are grouped by resource first, so each resource's attributes are read once.
import { z } from "zod";
import type { ServiceVersionsResponse } from "@/lib/contracts/version-schemas";
import { type Db, sql } from "@/lib/db/sql";
import type { TimeWindow } from "@/lib/model/time-window";

const VersionRow = z.object({
  version: z.string(),
  first_seen: z.string(),
  last_seen: z.string(),
  requests: z.number(),
});

export async function getServiceVersions(
  db: Db,
  query: TimeWindow & { service: string },
): Promise<ServiceVersionsResponse> {
  const rows = await db.many(
    sql`WITH per_resource AS (
          SELECT resource_id, min(start_time_unix_nano) AS first_seen, max(start_time_unix_nano) AS last_seen,
                 count(*) AS requests
          FROM spans
          WHERE service_name = ${query.service} AND endpoint IS NOT NULL
            AND start_time_unix_nano >= ${BigInt(query.from) * 1_000_000n}
            AND start_time_unix_nano < ${BigInt(query.to) * 1_000_000n}
          GROUP BY resource_id)
        SELECT r.attributes ->> 'service.version' AS version,
               (min(p.first_seen) / 1000000)::text AS first_seen, (max(p.last_seen) / 1000000)::text AS last_seen,
               sum(p.requests)::int AS requests
        FROM per_resource p JOIN resources r ON r.id = p.resource_id
        WHERE r.attributes ? 'service.version'
        GROUP BY 1
        ORDER BY min(p.first_seen), 1`,
    VersionRow,
  );
  return {
    from: query.from,
    to: query.to,
    service: query.service,
    versions: rows.map((row) => ({
      version: row.version,
      firstSeen: Number(row.first_seen),
      lastSeen: Number(row.last_seen),
      requests: row.requests,
    })),
  };
}
