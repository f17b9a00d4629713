// The trace page's own request, GET /api/traces/{id}?view=page&format=compact, answered by the
// custom server itself when the trace's page answer is kept (lib/analysis/trace-pages/
// kept-trace-pages.ts) and the client takes gzip: the stored gzip goes out as it is. Through
// Next.js the same answer was decompressed, passed through the route and compressed again
// (Next drops a route's own Content-Encoding): ~0.3 s of a 100k-span trace's opening on the
// 2-core machine, spent on the thread that also serves the page's scripts.
// Served only after the same access decision as every route (lib/auth/access-gate.ts); anything
// else — not kept, no gzip, other parameters, not allowed, an error — goes on to Next.js, whose
// route builds, refuses or explains it exactly as before.
import type http from "node:http";
import { readKeptTracePage } from "@/lib/analysis/trace-pages/kept-trace-pages";
import type { Db } from "@/lib/db/sql";
import { acceptsEncoding, sendEncoded } from "@/lib/server/encoded-answers";
import { gateNodeRequest } from "@/lib/server/ui-auth";

const TRACE_PATH = /^\/api\/traces\/([0-9a-fA-F]{32})$/;

/**
 * A handler that answers the trace page's request from the kept answer and resolves true, or
 * resolves false having written nothing (the caller hands the request to Next.js).
 */
export function keptTracePageHandler(
  db: { primary: Db; read: Db },
  options: { uiAuth: "on" | "off"; maxSpans: number; keepMinSpans: number },
): (request: http.IncomingMessage, response: http.ServerResponse) => Promise<boolean> {
  return async (request, response) => {
    if (options.keepMinSpans <= 0 || request.method !== "GET") return false;
    if (!acceptsEncoding(request.headers["accept-encoding"], "gzip")) return false;
    const url = new URL(request.url ?? "/", "http://localhost");
    const traceId = TRACE_PATH.exec(url.pathname)?.[1]?.toLowerCase();
    // Exactly the page's parameters (lib/trace/trace-url.ts, tracePageDataParams), in any order.
    const params = [...url.searchParams].map(([key, value]) => `${key}=${value}`).sort();
    if (!traceId || params.join("&") !== "format=compact&view=page") return false;
    try {
      // The primary, as proxy.ts does: a revoked session must not outlive a replica's lag.
      const verdict = await gateNodeRequest(db.primary, request, options.uiAuth, url);
      if (verdict.kind !== "allow") return false;
      const kept = await readKeptTracePage(db.read, traceId, options.maxSpans);
      if (!kept?.gzipped) return false;
      sendEncoded(request, response, {
        type: "application/json",
        coding: "gzip",
        body: kept.gzipped,
        cacheControl: "no-store",
      });
      return true;
    } catch {
      // The route reports it (e.g. 503 while the database is away).
      return false;
    }
  };
}
