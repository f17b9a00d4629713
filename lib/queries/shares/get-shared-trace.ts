// GET /api/share/{token}: the one trace a public link opens, in the shape the trace page reads,
// and nothing else — the token is looked up by its hash and names exactly one trace id. An unknown
// token is 404; a revoked or expired link is 410 (gone for good, with a message saying so).
import { z } from "zod";
import { hashShareToken, looksLikeShareToken } from "@/lib/auth/share-token";
import type { CompactTrace } from "@/lib/contracts/compact-trace";
import { type Db, sql } from "@/lib/db/sql";
import { GoneError, NotFoundError } from "@/lib/model/request-errors";
import type { TraceWithSpans } from "@/lib/model/traces";
import { type GetTraceOptions, getTrace } from "@/lib/queries/traces/get-trace";
import { getCompactTrace } from "@/lib/queries/traces/trace-pages";

const ShareRow = z.object({
  trace_id: z.string(),
  revoked_at: z.date().nullable(),
  expires_at: z.date(),
  expired: z.boolean(),
});

const UNKNOWN =
  "this share link does not exist: check that the whole link was copied, or ask whoever shared the trace for a new one";

export async function getSharedTrace(
  db: Db,
  token: string,
  format: "json" | "compact",
  options: GetTraceOptions = {},
): Promise<TraceWithSpans | CompactTrace> {
  if (!looksLikeShareToken(token)) throw new NotFoundError(UNKNOWN);
  const share = await db.one(
    sql`SELECT encode(trace_id, 'hex') AS trace_id, revoked_at, expires_at, expires_at <= now() AS expired
        FROM trace_shares WHERE token_hash = ${hashShareToken(token)}`,
    ShareRow,
  );
  if (!share) throw new NotFoundError(UNKNOWN);
  if (share.revoked_at) {
    throw new GoneError(
      `this share link was revoked on ${share.revoked_at.toISOString()}: ask whoever shared the trace for a new link`,
    );
  }
  if (share.expired) {
    throw new GoneError(
      `this share link expired on ${share.expires_at.toISOString()}: ask whoever shared the trace for a new link`,
    );
  }
  const trace =
    format === "compact"
      ? await getCompactTrace(db, share.trace_id, options)
      : await getTrace(db, share.trace_id, options);
  if (!trace) {
    throw new NotFoundError(
      "the shared trace is no longer stored: it was older than the span retention window and not pinned",
    );
  }
  return trace;
}
