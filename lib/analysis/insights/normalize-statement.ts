// One name for calls that differ only in their literals, so that `WHERE id = 42` and
// `WHERE id = 43` (or `/users/42` and `/users/43`) count as the same call: quoted strings, UUIDs,
// long hex tokens, numbers and `$1` placeholders become "?", then lists of them "(?)", then
// whitespace collapses. The same rules as GET /api/spans/slow applies in SQL.
import type { ClientCall } from "@/lib/semconv/client-call";

const MAX_LENGTH = 300;

export function normalizeStatement(statement: string): string {
  const normalised = statement
    .replace(/'(?:[^']|'')*'/g, "?")
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[0-9a-f]{16,}\b/gi, "?")
    .replace(/\$\d+/g, "?")
    .replace(/(?<![\w$])-?\d+(\.\d+)?\b/g, "?")
    .replace(/\(\s*\?(\s*,\s*\?)*\s*\)/g, "(?)")
    .replace(/\s+/g, " ")
    .trim();
  return normalised.length > MAX_LENGTH ? normalised.slice(0, MAX_LENGTH) : normalised;
}

/**
 * What a call does, literals out: the normalised statement of a query, "GET https://host/path/{id}"
 * for HTTP, "rpc.service/rpc.method" for RPC. Null for calls that say nothing about what they do
 * (a pool's connect span has a database system but no statement): they are never grouped.
 */
export function callKeyOf(call: ClientCall): string | null {
  switch (call.type) {
    case "db":
      return call.statement === null ? null : normalizeStatement(call.statement);
    case "http":
      return call.target === null ? null : `${call.method ?? "?"} ${templateDigitSegments(call.target)}`;
    case "rpc":
      return call.service === null && call.method === null
        ? null
        : `${call.service ?? "?"}/${call.method ?? "?"}`;
  }
}

/**
 * Path segments holding a digit are parameters too ("/prices/SKU-0037" → "/prices/{id}"): the
 * endpoint templating keeps short codes like these, but a call key must not split per value.
 */
function templateDigitSegments(target: string): string {
  const scheme = target.indexOf("//");
  // the path starts at the first "/" after the host (or at 0 for a bare path); no path: unchanged
  const pathStart = scheme < 0 ? 0 : target.indexOf("/", scheme + 2);
  if (pathStart < 0) return target;
  return target.slice(0, pathStart) + target.slice(pathStart).replace(/(?<=\/)[^/]*\d[^/]*/g, "{id}");
}
