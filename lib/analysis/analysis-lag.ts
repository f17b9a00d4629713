// How far trace analysis is behind: the age of the oldest trace still waiting for it, counted from
// its last span's arrival (so it includes ANALYSIS_QUIET_PERIOD). 0 when nothing waits. Read by
// Tracewell's own /metrics; served by the same queue index the scheduler polls.
import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";

const LagRow = z.object({ seconds: z.coerce.number().nullable() });

export async function analysisLagSeconds(db: Db): Promise<number> {
  const row = await db.one(
    sql`SELECT extract(epoch FROM now() - min(updated_at)) AS seconds
        FROM trace_analysis_queue`,
    LagRow,
  );
  return Math.max(0, row?.seconds ?? 0);
}
