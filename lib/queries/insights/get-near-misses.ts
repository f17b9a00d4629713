// An endpoint's near misses (GET /api/insights with an endpoint): detector results just below a
// threshold, stored by the insights analyser with the reason, so the endpoint page can say why
// nothing was flagged ("4 repeated calls: below the threshold of 5").
import { z } from "zod";
import type { NearMiss } from "@/lib/contracts/insight-schemas";
import { insightKindSchema } from "@/lib/contracts/insight-schemas";
import { type Db, sql } from "@/lib/db/sql";
import { exampleText, parseExample } from "@/lib/queries/insights/insight-examples";

const EXAMPLES = 3;
const LIMIT = 20;

const Row = z.object({
  kind: z.string(),
  call_key: z.string(),
  requests: z.number(),
  reason: z.string(),
  examples: z.array(z.string()),
});

export async function getNearMisses(
  db: Db,
  query: { from: bigint; to: bigint; service: string; endpoint: string },
): Promise<NearMiss[]> {
  const rows = await db.many(
    sql`SELECT kind, call_key, count(*)::int AS requests, mode() WITHIN GROUP (ORDER BY near_miss) AS reason,
               (array_agg(${exampleText("time_saved_nano", "span_ids")}
                          ORDER BY time_saved_nano DESC, trace_id))[1:${EXAMPLES}] AS examples
        FROM trace_findings
        WHERE service_name = ${query.service} AND endpoint = ${query.endpoint} AND near_miss IS NOT NULL
          AND request_start_unix_nano >= ${query.from} AND request_start_unix_nano < ${query.to}
        GROUP BY kind, call_key
        ORDER BY count(*) DESC, kind, call_key
        LIMIT ${LIMIT}`,
    Row,
  );
  return rows.map((row) => ({
    kind: insightKindSchema.parse(row.kind),
    service: query.service,
    endpoint: query.endpoint,
    key: row.call_key,
    requests: row.requests,
    reason: row.reason,
    examples: row.examples.map(parseExample),
  }));
}
