// Which HTTP server duration histogram describes an endpoint, and how to read it in milliseconds:
// the endpoint page's "from metrics" percentiles. Pure.
//
// Stable semantic conventions: http.server.request.duration in seconds, keyed by http.route and
// http.request.method. Before them: http.server.duration in milliseconds, with http.method.

export interface DurationMetricQuery {
  name: string;
  filters: [string, string][];
}

const CURRENT = { name: "http.server.request.duration", method: "http.request.method", unit: "s" };
const OLD = { name: "http.server.duration", method: "http.method", unit: "ms" };

/**
 * The query for `endpoint` ("GET /orders/{id}", lib/endpoints/endpoint-name.ts) among the metric
 * names the service sends; the current name wins when both are sent. null when it sends neither.
 */
export function durationMetricQuery(
  endpoint: string,
  metricNames: readonly string[],
): DurationMetricQuery | null {
  const convention = metricNames.includes(CURRENT.name)
    ? CURRENT
    : metricNames.includes(OLD.name)
      ? OLD
      : null;
  if (convention === null) return null;
  const space = endpoint.indexOf(" ");
  const method = space > 0 && /^[A-Z]+$/.test(endpoint.slice(0, space)) ? endpoint.slice(0, space) : null;
  const route = method === null ? endpoint : endpoint.slice(space + 1);
  const filters: [string, string][] = [["http.route", route]];
  if (method !== null) filters.push([convention.method, method]);
  return { name: convention.name, filters };
}

const TO_MS: Record<string, number> = { s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000_001, min: 60_000 };

/** A duration in the metric's unit → milliseconds; an unknown unit is taken as the convention's. */
export function durationToMs(value: number, unit: string | null, name: string): number {
  const factor = TO_MS[unit ?? ""] ?? (name === OLD.name ? 1 : 1000);
  return value * factor;
}
