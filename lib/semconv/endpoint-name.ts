// Which spans are requests, and what endpoint each belongs to (README § Endpoints).
//
// A request is a SERVER span, or a CONSUMER span for queue workers. Its endpoint is
// "{http.request.method} {http.route}" when the instrumentation reports a route; older
// instrumentation's http.method + http.target (or url.path) is used with ids templated out;
// otherwise the span name, also with ids templated out. Templating keeps cardinality bounded:
// "/orders/8812" and "/orders/8813" are one endpoint, "/orders/{id}".
import type { Attributes } from "@/lib/model/attribute-value";
import { isRequestKind } from "@/lib/model/span-kind";
import { firstString } from "@/lib/semconv/attribute-text";

const MAX_LENGTH = 200;

export const isRequestSpan = isRequestKind;

/** The endpoint of a request span, or null for spans that are not requests. */
export function endpointOf(kind: number, name: string, attributes: Attributes): string | null {
  if (!isRequestSpan(kind)) return null;
  const method =
    stringAttribute(attributes, "http.request.method") ?? stringAttribute(attributes, "http.method");
  const route = stringAttribute(attributes, "http.route");
  if (route) return clip(method ? `${method} ${route}` : route);
  const target = stringAttribute(attributes, "http.target") ?? stringAttribute(attributes, "url.path");
  if (method && target) return clip(`${method} ${templatePath(target)}`);
  return clip(templateIds(name) || "(unnamed)");
}

function stringAttribute(attributes: Attributes, key: string): string | undefined {
  return firstString(attributes, [key]) ?? undefined;
}

/** A path without its query string, each id-like segment replaced by "{id}". */
export function templatePath(target: string): string {
  const path = target.split(/[?#]/, 1)[0] || "/";
  return path
    .split("/")
    .map((segment) => (isIdLike(segment) ? "{id}" : segment))
    .join("/");
}

/** Replaces id-like tokens in free text (a span name) with "{id}". */
export function templateIds(text: string): string {
  return text
    .split(/(\s+|\/)/)
    .map((token) => (isIdLike(token) ? "{id}" : token))
    .join("");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_ID = /^[0-9a-f]{16,}$/i;
const NUMBER = /^\d+$/;
/** Long tokens mixing letters and digits, e.g. "AB12CD34EF" or base64url session ids. */
const OPAQUE = /^(?=.*\d)(?=.*[a-zA-Z])[A-Za-z0-9_-]{20,}$/;

function isIdLike(token: string): boolean {
  if (token === "") return false;
  return NUMBER.test(token) || UUID.test(token) || HEX_ID.test(token) || OPAQUE.test(token);
}

function clip(endpoint: string): string {
  return endpoint.length > MAX_LENGTH ? `${endpoint.slice(0, MAX_LENGTH - 1)}…` : endpoint;
}

/** The HTTP response status of a span (stable or old semantic conventions), or null. */
export function httpStatusOf(attributes: Attributes): number | null {
  const value = attributes["http.response.status_code"] ?? attributes["http.status_code"];
  const status = typeof value === "string" ? Number(value) : value;
  return typeof status === "number" && Number.isInteger(status) && status >= 100 && status <= 999
    ? status
    : null;
}
