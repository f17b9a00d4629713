// Which spans are calls a service makes to something else — a database, an HTTP service, an RPC —
// and what they call, under the old and the new semantic conventions alike:
//   database  db.system.name | db.system, db.query.text | db.statement, db.namespace | db.name
//   HTTP      url.full | http.url, http.request.method | http.method  (CLIENT spans)
//   RPC       rpc.system, rpc.service, rpc.method                       (CLIENT spans)
// Detectors (N+1 queries, sequential calls, slow queries) group calls by what this returns.
import type { Attributes } from "@/lib/model/attribute-value";
import { SpanKind } from "@/lib/model/span-kind";
import { firstString } from "@/lib/semconv/attribute-text";
import { templatePath } from "@/lib/semconv/endpoint-name";

export type ClientCall =
  | { type: "db"; system: string; statement: string | null; namespace: string | null }
  | { type: "http"; method: string | null; url: string | null; target: string | null }
  | { type: "rpc"; system: string; service: string | null; method: string | null };

const DB_SYSTEM = ["db.system.name", "db.system"];
const DB_STATEMENT = ["db.query.text", "db.statement"];
const DB_NAMESPACE = ["db.namespace", "db.name"];
const HTTP_URL = ["url.full", "http.url"];
const HTTP_METHOD = ["http.request.method", "http.method"];

/** What a span calls, or null when it is not an outgoing call. */
export function clientCallOf(kind: number, attributes: Attributes): ClientCall | null {
  const dbSystem = firstString(attributes, DB_SYSTEM);
  // Database instrumentations mark queries CLIENT, some (and pool spans) INTERNAL: the system decides.
  if (dbSystem !== null && kind !== SpanKind.SERVER && kind !== SpanKind.CONSUMER) {
    return {
      type: "db",
      system: dbSystem,
      statement: firstString(attributes, DB_STATEMENT),
      namespace: firstString(attributes, DB_NAMESPACE),
    };
  }
  if (kind !== SpanKind.CLIENT) return null;
  const rpcSystem = firstString(attributes, ["rpc.system"]);
  if (rpcSystem !== null) {
    return {
      type: "rpc",
      system: rpcSystem,
      service: firstString(attributes, ["rpc.service"]),
      method: firstString(attributes, ["rpc.method"]),
    };
  }
  const url = firstString(attributes, HTTP_URL);
  const method = firstString(attributes, HTTP_METHOD);
  if (url === null && method === null) return null;
  return { type: "http", method, url, target: url === null ? null : urlTarget(url) };
}

/** "GET https://pricing:8080/prices/{id}": scheme, host and templated path, no query string. */
function urlTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${templatePath(parsed.pathname)}`;
  } catch {
    return templatePath(url);
  }
}
