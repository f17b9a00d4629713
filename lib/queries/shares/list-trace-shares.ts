// GET /api/shares: the links that still open their trace, newest first, without tokens (none are
// stored). The root's name comes from the trace (or its pin) while it is kept.
import { z } from "zod";
import type { TraceShareInfo } from "@/lib/contracts/share-schemas";
import { type Db, raw, sql } from "@/lib/db/sql";

const ShareRow = z.object({
  id: z.string(),
  trace_id: z.string(),
  root_span_name: z.string().nullable(),
  root_service_name: z.string().nullable(),
  created_at: z.date(),
  expires_at: z.date(),
  created_by: z.string().nullable(),
});

/** `createdBy` set: only that user's links; unset: every link. */
export async function listTraceShares(
  db: Db,
  options: { createdBy?: string } = {},
): Promise<TraceShareInfo[]> {
  const rows = await db.many(
    sql`SELECT s.id, encode(s.trace_id, 'hex') AS trace_id,
               coalesce(t.root_span_name, p.root_span_name) AS root_span_name,
               coalesce(t.root_service_name, p.root_service_name) AS root_service_name,
               s.created_at, s.expires_at, s.created_by
        FROM trace_shares s
        LEFT JOIN traces t ON t.trace_id = s.trace_id
        LEFT JOIN pinned_traces p ON p.trace_id = s.trace_id
        WHERE s.revoked_at IS NULL AND s.expires_at > now()
          ${options.createdBy === undefined ? raw("") : sql`AND s.created_by = ${options.createdBy}`}
        ORDER BY s.created_at DESC, s.id LIMIT 1000`,
    ShareRow,
  );
  return rows.map((row) => ({
    id: row.id,
    traceId: row.trace_id,
    rootName: row.root_span_name,
    rootService: row.root_service_name,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    createdBy: row.created_by,
  }));
}
