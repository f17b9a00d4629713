// The trace page's answer (GET /api/traces/{id}?view=page&format=compact): a large trace's kept
// answer while current, else built from its spans and kept for the next opening
// (lib/analysis/trace-pages/kept-trace-pages.ts, where the worker also keeps quiet traces' answers).
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { getCompactTrace } from "@/lib/analysis/trace-pages/get-compact-trace";
import {
  buildTracePage,
  keepTracePage,
  readKeptTracePage,
} from "@/lib/analysis/trace-pages/kept-trace-pages";
import type { Db } from "@/lib/db/sql";

// The API's `format=compact` without the page's keeping, for route handlers and shared links.
export { getCompactTrace };

const gunzipAsync = promisify(gunzip);

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
  const live = keepMinSpans > 0 ? await readKeptTracePage(readDb, traceIdHex, maxSpans) : null;
  if (live?.gzipped) return gunzipAsync(live.gzipped);
  const version = live?.version ?? null;
  const json = await buildTracePage(readDb, traceIdHex, maxSpans);
  if (!json) return null;
  if (version && version.spanCount >= keepMinSpans) {
    // Not awaited: the answer goes out now. A keep that fails only means the next opening
    // builds the answer again.
    void keepTracePage(writeDb, traceIdHex, maxSpans, version, json).catch(() => {});
  }
  return json;
}
