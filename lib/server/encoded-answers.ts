// The answers the custom server sends already compressed (kept-trace-page.ts, static-assets.ts):
// whether the client takes the coding, and the one way to send such a body.
import type http from "node:http";
import { SECURITY_HEADERS } from "@/lib/server/security-headers";

/**
 * Whether a request's Accept-Encoding takes a content coding (RFC 9110 §12.5.3): named (gzip also
 * as x-gzip) or through `*`, with a q-value above 0.
 */
export function acceptsEncoding(header: string | undefined, coding: "gzip" | "br"): boolean {
  if (!header) return false;
  let star: boolean | null = null;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const acceptable = q === undefined || Number(q.slice(2)) > 0;
    const token = name.trim();
    if (token === coding || (coding === "gzip" && token === "x-gzip")) return acceptable;
    if (token === "*") star = acceptable;
  }
  return star === true;
}

/** A 200 with a body already in `coding`, its length, and the headers every answer carries. */
export function sendEncoded(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  answer: { type: string; coding: "gzip" | "br"; body: Buffer; cacheControl: string },
): void {
  const headers: http.OutgoingHttpHeaders = {
    "Content-Type": answer.type,
    "Content-Encoding": answer.coding,
    "Content-Length": answer.body.length,
    "Cache-Control": answer.cacheControl,
    Vary: "Accept-Encoding",
  };
  for (const { key, value } of SECURITY_HEADERS) headers[key] = value;
  response.writeHead(200, headers);
  response.end(request.method === "HEAD" ? undefined : answer.body);
}
