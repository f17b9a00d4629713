// Links into the trace page, and reading a trace id that someone pasted.
import { traceIdPattern } from "@/lib/model/traces";

/**
 * `/traces/{traceId}`, with `?span={spanId}` when a span is selected and `&highlight=id,id` for
 * spans to mark (an insight's offending spans).
 */
export function traceHref(
  traceId: string,
  spanId?: string | null,
  highlight: readonly string[] = [],
): string {
  const path = `/traces/${encodeURIComponent(traceId)}`;
  const params = new URLSearchParams();
  if (spanId) params.set("span", spanId);
  if (highlight.length > 0) params.set("highlight", highlight.join(","));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** What the trace page asks the API for: the page's span cap, in the compact format. */
export const tracePageDataParams = { view: "page", format: "compact" } as const;

/** `/api/traces/{traceId}?view=page&format=compact`, exactly as useTrace requests it. */
export function tracePageDataHref(traceId: string): string {
  return `/api/traces/${encodeURIComponent(traceId)}?${new URLSearchParams(tracePageDataParams)}`;
}

/**
 * Where a trace view loads its spans from (useTrace): plain data, so a server page can hand it to
 * the client view.
 */
export interface TraceSource {
  /** the react-query key: one cache entry per source */
  key: readonly string[];
  /** the API path that answers the compact trace (the page's parameters are added) */
  path: string;
  /** what a 404 / 400 says when the answer carries no message of its own */
  messages: { notFound?: string; badRequest?: string };
}

/** The dashboard's source: GET /api/traces/{traceId}. */
export function traceSource(traceId: string): TraceSource {
  return {
    key: ["trace", traceId],
    path: `/api/traces/${encodeURIComponent(traceId)}`,
    messages: { notFound: "No spans with this trace id yet.", badRequest: "This is not a valid trace id." },
  };
}

/** A public link's source: GET /api/share/{token}, the one trace the link opens. */
export function sharedTraceSource(token: string): TraceSource {
  return {
    key: ["shared-trace", token],
    path: `/api/share/${encodeURIComponent(token)}`,
    messages: { notFound: "This share link does not exist." },
  };
}

/** `/api/share/{token}?view=page&format=compact`: the public link's trace, as the page reads it. */
export function sharedTracePageDataHref(token: string): string {
  return `/api/share/${encodeURIComponent(token)}?${new URLSearchParams(tracePageDataParams)}`;
}

/** `/traces/compare?a={a}&b={b}`: trace `a` as the baseline, `b` against it. */
export function compareHref(a: string, b: string): string {
  return `/traces/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
}

const embeddedTraceId = /(?:^|[^0-9a-f])([0-9a-f]{32})(?:$|[^0-9a-f])/;

/**
 * A trace id from what a person pasted: the bare id in any case, a Tracewell link, or a W3C
 * `traceparent` header value. Null when there is no 32-hex-digit id in it.
 */
export function parseTraceIdInput(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (traceIdPattern.test(text)) return text;
  return embeddedTraceId.exec(text)?.[1] ?? null;
}
