// gzip for every answer of the dashboard's port, in place of Next.js's (next.config.ts
// `compress: false`), with the `compression` middleware Next itself bundles: the same handling of
// Accept-Encoding, Vary, HEAD, small bodies, `Cache-Control: no-transform` and streaming (Next
// calls res.flush() per chunk). One difference: answers under /api/traces/ and /api/share/ (a
// trace, shared or not, is up to tens of MB of JSON) are compressed at the fastest level: gzip
// level 1, which measured ~3× less CPU than the default level 6 for ~10 % more bytes, and brotli
// quality 1, which browsers get (they accept br, and compression prefers it). Brotli at the
// middleware's default quality 4 streamed a 100k-span trace's 7 MB page answer to Chromium in
// 1.0–1.5 s on the 2-core machine; quality 1 compresses it in one go in 35–45 ms to 1.96 MB,
// smaller than gzip level 1 (2.15 MB, 65–85 ms). Everything else keeps the defaults.
import type http from "node:http";
import { constants } from "node:zlib";
import compression from "compression";

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

const defaultLevel = compression();
const fastLevel = compression({ level: 1, brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } } });

export function compressed(handler: Handler): Handler {
  return (request, response) => {
    const url = request.url ?? "";
    const middleware =
      url.startsWith("/api/traces/") || url.startsWith("/api/share/") ? fastLevel : defaultLevel;
    // compression's types are Express's; it only uses the Node request and response
    middleware(request as never, response as never, () => handler(request, response));
  };
}
