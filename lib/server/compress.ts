// gzip for every answer of the dashboard's port, in place of Next.js's (next.config.ts
// `compress: false`), with the `compression` middleware Next itself bundles: the same handling of
// Accept-Encoding, Vary, HEAD, small bodies, `Cache-Control: no-transform` and streaming (Next
// calls res.flush() per chunk). One difference: answers under /api/traces/ and /api/share/ (a
// trace, shared or not, is up to tens of MB of JSON) are compressed at level 1, which measured
// ~3× less CPU than the default level 6 for ~10 % more bytes; level 6 was 250–500 ms of a
// 100k-span trace's ~1 s request on the 2-core machine. Everything else keeps level 6.
import type http from "node:http";
import compression from "compression";

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

const defaultLevel = compression();
const fastLevel = compression({ level: 1 });

export function compressed(handler: Handler): Handler {
  return (request, response) => {
    const url = request.url ?? "";
    const middleware =
      url.startsWith("/api/traces/") || url.startsWith("/api/share/") ? fastLevel : defaultLevel;
    // compression's types are Express's; it only uses the Node request and response
    middleware(request as never, response as never, () => handler(request, response));
  };
}
