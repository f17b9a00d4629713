// The trace page's answer for a large trace, kept once built: by its first opening
// (lib/queries/traces/trace-pages.ts), or by the worker as soon as the trace is quiet
// (keepQuietTracePages), so that even the first responder to open it reads one row instead of
// reading and reshaping every span (~1.2 s of CPU for a 100k-span trace on the 2-core machine).
// The row is tagged with the trace's ingest_version as read before the spans were: more spans
// bump it, so a stale answer is never served, and one built while spans arrived is not kept. It
// goes with its trace (ON DELETE CASCADE): a pinned trace past retention is read live.
// The body is stored gzipped (level 1: ~7 MB → ~2 MB at 100k spans), which the custom server
// sends as it is to a client that takes gzip (lib/server/kept-trace-page.ts).
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { z } from "zod";
import { getCompactTrace } from "@/lib/analysis/trace-pages/get-compact-trace";
import { type Db, sql } from "@/lib/db/sql";

/**
 * The shape of the kept answers: change it whenever getCompactTrace's output changes (a field,
 * an encoding), and answers kept by an earlier version are built again instead of served.
 */
export const TRACE_PAGE_SHAPE = "compact-v1";

const gzipAsync = promisify(gzip);

const KeptRow = z.object({
  ingest_version: z.number(),
  span_count: z.number(),
  body: z.instanceof(Buffer).nullable(),
});

export interface TraceVersion {
  ingestVersion: number;
  spanCount: number;
}

/** The page answer (compact shape, JSON) built from the trace's spans; null when it does not exist. */
export async function buildTracePage(db: Db, traceIdHex: string, maxSpans: number): Promise<Buffer | null> {
  const answer = await getCompactTrace(db, traceIdHex, { maxSpans });
  return answer ? Buffer.from(JSON.stringify(answer)) : null;
}

/**
 * In one query, read before the spans: the live trace's version and size, and its kept answer
 * (gzipped JSON) while that is still the current one. Null when the trace is not (or no longer) live.
 */
export async function readKeptTracePage(
  db: Db,
  traceIdHex: string,
  maxSpans: number,
): Promise<{ version: TraceVersion; gzipped: Buffer | null } | null> {
  const row = await db.one(
    sql`SELECT t.ingest_version, t.span_count, p.body
        FROM traces t
        LEFT JOIN trace_pages p ON p.trace_id = t.trace_id AND p.ingest_version = t.ingest_version
          AND p.max_spans = ${maxSpans} AND p.shape = ${TRACE_PAGE_SHAPE}
        WHERE t.trace_id = ${Buffer.from(traceIdHex, "hex")}`,
    KeptRow,
  );
  if (!row) return null;
  return { version: { ingestVersion: row.ingest_version, spanCount: row.span_count }, gzipped: row.body };
}

/**
 * Keeps an answer built from the trace at `version`, unless spans arrived since (then the next
 * opening builds it again). Gzipped on libuv's thread pool. Resolves with whether it was kept.
 */
export async function keepTracePage(
  db: Db,
  traceIdHex: string,
  maxSpans: number,
  version: TraceVersion,
  json: Buffer,
): Promise<boolean> {
  const body = await gzipAsync(json, { level: 1 });
  const kept = await db.execute(
    sql`INSERT INTO trace_pages (trace_id, ingest_version, max_spans, shape, body)
        SELECT trace_id, ingest_version, ${maxSpans}, ${TRACE_PAGE_SHAPE}, ${body} FROM traces
        WHERE trace_id = ${Buffer.from(traceIdHex, "hex")} AND ingest_version = ${version.ingestVersion}
        ON CONFLICT (trace_id) DO UPDATE SET ingest_version = excluded.ingest_version,
          max_spans = excluded.max_spans, shape = excluded.shape, body = excluded.body, stored_at = now()`,
  );
  return kept > 0;
}

/** A quiet trace the worker may keep the page of: its version as the analysis read it. */
export interface QuietTrace {
  traceId: Buffer;
  version: number;
  spanCount: number;
}

/**
 * The worker's part: builds and keeps the page answer of each given quiet trace of at least
 * `minSpans` spans (0: none) whose current answer is not kept yet, one trace at a time so that
 * at most one large answer is in memory. Resolves with how many it kept.
 */
export async function keepQuietTracePages(
  db: Db,
  traces: readonly QuietTrace[],
  options: { minSpans: number; maxSpans: number },
): Promise<number> {
  if (options.minSpans <= 0) return 0;
  let kept = 0;
  for (const trace of traces) {
    if (trace.spanCount < options.minSpans) continue;
    const traceIdHex = trace.traceId.toString("hex");
    const current = await readKeptTracePage(db, traceIdHex, options.maxSpans);
    // Gone, already kept (an opening was first), or spans arrived since the analysis read it.
    if (!current || current.gzipped || current.version.ingestVersion !== trace.version) continue;
    const json = await buildTracePage(db, traceIdHex, options.maxSpans);
    if (!json) continue;
    if (await keepTracePage(db, traceIdHex, options.maxSpans, current.version, json)) kept++;
  }
  return kept;
}
