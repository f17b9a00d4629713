// The trace page's answer for a large trace, kept after it is first built: the next opening
// (another responder following the pasted link, a reload) reads one row instead of reading and
// reshaping every span again (~0.7 s of a 100k-span trace's answer on the 2-core machine). The
// row is tagged with the trace's ingest_version as read before the spans were: more spans bump
// it, so a stale answer is never served, and one built while spans arrived is not kept. It goes
// with its trace (ON DELETE CASCADE): a pinned trace past retention is read live.
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { z } from "zod";
import { type Db, sql } from "@/lib/db/sql";
import { getCompactTrace } from "@/lib/queries/traces/get-compact-trace";

/**
 * The shape of the kept answers: change it whenever getCompactTrace's output changes (a field,
 * an encoding), and answers kept by an earlier version are built again instead of served.
 */
const SHAPE = "compact-v1";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const KeptRow = z.object({
  ingest_version: z.number(),
  span_count: z.number(),
  body: z.instanceof(Buffer).nullable(),
});

interface TraceVersion {
  ingestVersion: number;
  spanCount: number;
}

/**
 * In one query, read before the spans: the live trace's version and size, and its kept answer
 * (JSON) while that is still the current one. Null when the trace is not (or no longer) live.
 */
async function readKept(
  db: Db,
  traceIdHex: string,
  maxSpans: number,
): Promise<{ version: TraceVersion; kept: Buffer | null } | null> {
  const row = await db.one(
    sql`SELECT t.ingest_version, t.span_count, p.body
        FROM traces t
        LEFT JOIN trace_pages p ON p.trace_id = t.trace_id AND p.ingest_version = t.ingest_version
          AND p.max_spans = ${maxSpans} AND p.shape = ${SHAPE}
        WHERE t.trace_id = ${Buffer.from(traceIdHex, "hex")}`,
    KeptRow,
  );
  if (!row) return null;
  return {
    version: { ingestVersion: row.ingest_version, spanCount: row.span_count },
    kept: row.body === null ? null : await gunzipAsync(row.body),
  };
}

/**
 * Keeps an answer built from the trace at `version`, unless spans arrived since (then the next
 * opening builds it again). Gzipped at level 1 on libuv's thread pool: ~7 MB → ~2 MB at 100k spans.
 */
async function keepTracePage(
  db: Db,
  traceIdHex: string,
  maxSpans: number,
  version: TraceVersion,
  json: Buffer,
): Promise<void> {
  const body = await gzipAsync(json, { level: 1 });
  await db.execute(
    sql`INSERT INTO trace_pages (trace_id, ingest_version, max_spans, shape, body)
        SELECT trace_id, ingest_version, ${maxSpans}, ${SHAPE}, ${body} FROM traces
        WHERE trace_id = ${Buffer.from(traceIdHex, "hex")} AND ingest_version = ${version.ingestVersion}
        ON CONFLICT (trace_id) DO UPDATE SET ingest_version = excluded.ingest_version,
          max_spans = excluded.max_spans, shape = excluded.shape, body = excluded.body, stored_at = now()`,
  );
}

/**
 * The trace page's answer (the compact shape, as JSON, at most `maxSpans` spans): the kept one
 * while current, else built from the spans and, for a trace of at least `keepMinSpans` spans
 * (0: never), kept through `writeDb` for the next opening. Null when the trace does not exist.
 */
export async function getTracePageAnswer(
  readDb: Db,
  writeDb: Db,
  traceIdHex: string,
  maxSpans: number,
  keepMinSpans: number,
): Promise<Buffer | null> {
  const live = keepMinSpans > 0 ? await readKept(readDb, traceIdHex, maxSpans) : null;
  if (live?.kept) return live.kept;
  const version = live?.version ?? null;
  const trace = await getCompactTrace(readDb, traceIdHex, { maxSpans });
  if (!trace) return null;
  const json = Buffer.from(JSON.stringify(trace));
  if (version && version.spanCount >= keepMinSpans) {
    // Not awaited: the answer goes out now. A keep that fails only means the next opening
    // builds the answer again.
    void keepTracePage(writeDb, traceIdHex, maxSpans, version, json).catch(() => {});
  }
  return json;
}
