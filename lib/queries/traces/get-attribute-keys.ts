// Attribute keys seen on recent spans (and their resources), for the search form's suggestions.
// A sample, not an inventory: the newest spans of the window, bounded so it stays cheap at scale.
import { z } from "zod";
import { type Db, raw, sql } from "@/lib/db/sql";

const SAMPLE_SPANS = 2000;
const KeyRow = z.object({ key: z.string() });

export async function getAttributeKeys(
  db: Db,
  window: { from: number; to: number },
  service: string | null,
): Promise<string[]> {
  const from = BigInt(window.from) * 1_000_000n;
  const to = BigInt(window.to) * 1_000_000n;
  const byService = service === null ? raw("") : sql`AND service_name = ${service}`;
  const rows = await db.many(
    sql`WITH sample AS (
          SELECT attributes, resource_id FROM spans
          WHERE start_time_unix_nano >= ${from} AND start_time_unix_nano < ${to} ${byService}
          LIMIT ${SAMPLE_SPANS})
        SELECT DISTINCT key FROM (
          SELECT jsonb_object_keys(attributes) AS key FROM sample
          UNION ALL
          SELECT jsonb_object_keys(r.attributes) FROM resources r
          WHERE r.id IN (SELECT DISTINCT resource_id FROM sample)) AS keys
        ORDER BY key LIMIT 500`,
    KeyRow,
  );
  return rows.map((row) => row.key);
}
