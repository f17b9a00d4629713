// Everything else a dashboard link carries besides its time range: the service filter, the
// endpoint table's sort, auto-refresh, the endpoint being viewed and the time bucket picked on
// its charts. Pure: parsing and building links, no router.
import {
  formatInstantParam,
  type Parsed,
  parseInstantParam,
  parseTimeRange,
  resolveTimeRange,
  type TimeRange,
  timeRangeParams,
} from "@/lib/url-state/time-range";

/** "trouble" (the default) is no column: error rate and p95 against the previous window. */
export const ENDPOINT_SORT_KEYS = [
  "trouble",
  "name",
  "rate",
  "errors",
  "p50",
  "p95",
  "p99",
  "cache",
] as const;
export type EndpointSortKey = (typeof ENDPOINT_SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";

export interface EndpointSort {
  key: EndpointSortKey;
  direction: SortDirection;
}

export const DEFAULT_SORT: EndpointSort = { key: "trouble", direction: "desc" };

function isSortKey(text: string): text is EndpointSortKey {
  return (ENDPOINT_SORT_KEYS as readonly string[]).includes(text);
}

/** Names read A→Z first; numbers (latency, rate, errors, hit ratio) and trouble biggest first. */
export function defaultDirection(key: EndpointSortKey): SortDirection {
  return key === "name" ? "asc" : "desc";
}

/**
 * `sort=p95&dir=asc`. Lenient on purpose: a stale or hand-edited sort is not worth an error page,
 * so anything unknown falls back to the default order.
 */
export function parseEndpointSort(params: URLSearchParams): EndpointSort {
  const key = params.get("sort");
  if (key === null || !isSortKey(key)) return DEFAULT_SORT;
  const dir = params.get("dir");
  return { key, direction: dir === "asc" || dir === "desc" ? dir : defaultDirection(key) };
}

/** Clicking a sorted column's header flips it; another column starts in its natural direction. */
export function nextSort(current: EndpointSort, key: EndpointSortKey): EndpointSort {
  if (current.key === key) return { key, direction: current.direction === "asc" ? "desc" : "asc" };
  return { key, direction: defaultDirection(key) };
}

/**
 * Auto-refresh is on by default for ranges ending now and meaningless for fixed ones, whose data
 * does not change; `refresh=off` turns it off.
 */
export function parseAutoRefresh(params: URLSearchParams, range: TimeRange): boolean {
  return range.kind === "relative" && params.get("refresh") !== "off";
}

export const SERVICE_ORDERS = ["trouble", "name", "rate", "errors", "p95"] as const;
export type ServiceOrder = (typeof SERVICE_ORDERS)[number];

/** `order=` of the overview's services; trouble first unless the link says otherwise (lenient, like sort). */
export function parseServiceOrder(params: URLSearchParams): ServiceOrder {
  const order = params.get("order");
  return (SERVICE_ORDERS as readonly string[]).includes(order ?? "") ? (order as ServiceOrder) : "trouble";
}

/** The service filter; null for all services. */
export function parseServiceFilter(params: URLSearchParams): string | null {
  const service = params.get("service");
  return service === null || service.trim() === "" ? null : service;
}

export interface EndpointTarget {
  service: string;
  endpoint: string;
}

export function parseEndpointTarget(params: URLSearchParams): Parsed<EndpointTarget> {
  const service = params.get("service");
  const endpoint = params.get("endpoint");
  if (!service || !endpoint) {
    const missing = [!service && "service=", !endpoint && "endpoint="].filter(Boolean).join(" and ");
    return {
      ok: false,
      error: `This link lacks ${missing}: an endpoint page needs both. Pick an endpoint from the overview.`,
    };
  }
  return { ok: true, value: { service, endpoint } };
}

/** The start of the chart bucket picked for "slowest requests" (`bucket=` ISO); null when none. */
export function parseBucket(params: URLSearchParams): number | null {
  const text = params.get("bucket");
  return text === null ? null : parseInstantParam(text);
}

/**
 * The stretch of time chosen on the latency chart (`select=FROM/TO`, ISO 8601 or epoch ms, an ISO
 * interval), whose requests the slow-requests panel compares with the rest; null when none or
 * unreadable (lenient: a broken selection is not worth an error page).
 */
export function parseSelection(params: URLSearchParams): { from: number; to: number } | null {
  const [fromText, toText, extra] = (params.get("select") ?? "").split("/");
  if (fromText === undefined || toText === undefined || extra !== undefined) return null;
  const from = parseInstantParam(fromText);
  const to = parseInstantParam(toText);
  return from !== null && to !== null && from < to ? { from, to } : null;
}

export function formatSelectionParam(from: number, to: number): string {
  return `${formatInstantParam(from)}/${formatInstantParam(to)}`;
}

/** Query parameters that follow the reader from page to page: time range and refresh. */
const CARRIED = ["range", "from", "to", "refresh"] as const;

function carried(current: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams();
  // A broken range stays on the page that explains it instead of following the reader around.
  const keys = parseTimeRange(current).ok ? CARRIED : (["refresh"] as const);
  for (const key of keys) {
    const value = current.get(key);
    if (value !== null) next.set(key, value);
  }
  return next;
}

/**
 * A query string that stays readable in a shared link: ":" and "/" are legal in a query
 * (RFC 3986), so times and routes keep them ("from=2026-11-24T10:00:00Z", "endpoint=GET+/orders/%7Bid%7D").
 */
export function formatQuery(params: URLSearchParams): string {
  return params.toString().replace(/%3A/gi, ":").replace(/%2F/gi, "/");
}

/** `pathname?query`, or the bare path without parameters. */
export function pageHref(pathname: string, params: URLSearchParams): string {
  const query = formatQuery(params);
  return query ? `${pathname}?${query}` : pathname;
}

/**
 * `current` with some parameters replaced (a string) or removed (null), keeping the others in
 * their order, so the link a reader copies stays recognisable.
 */
export function withParams(
  pathname: string,
  current: URLSearchParams,
  changes: Record<string, string | null>,
): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  return pageHref(pathname, next);
}

/** The same page over another time range; a picked bucket or selection belongs to the old range, so it goes. */
export function withTimeRange(pathname: string, current: URLSearchParams, range: TimeRange): string {
  const changes: Record<string, string | null> = {
    range: null,
    from: null,
    to: null,
    bucket: null,
    select: null,
  };
  for (const [key, value] of timeRangeParams(range)) changes[key] = value;
  return withParams(pathname, current, changes);
}

export function withSort(pathname: string, current: URLSearchParams, sort: EndpointSort): string {
  return withParams(pathname, current, { sort: sort.key, dir: sort.direction });
}

/** `/endpoints?service=…&endpoint=…&range=…`: query parameters, since endpoint names hold `/ {}`. */
export function endpointHref(target: EndpointTarget, current: URLSearchParams): string {
  const next = new URLSearchParams({ service: target.service, endpoint: target.endpoint });
  for (const [key, value] of carried(current)) next.set(key, value);
  return pageHref("/endpoints", next);
}

/**
 * `/compare?service=…&range=…`: the service's newest version against the one before it; the
 * compare page adds `baseline=` and `candidate=` once the reader picks other sides.
 */
export function compareHref(service: string, current: URLSearchParams): string {
  const next = carried(current);
  next.set("service", service);
  return pageHref("/compare", next);
}

/** Overview, caches, insights, trace search or metrics, keeping the time range and (unless told otherwise) the service filter. */
export function sectionHref(
  pathname: "/" | "/caches" | "/insights" | "/traces" | "/metrics",
  current: URLSearchParams,
  service: string | null = parseServiceFilter(current),
): string {
  const next = carried(current);
  if (service) next.set("service", service);
  return pageHref(pathname, next);
}

/**
 * The link "Copy link" shares: a relative range ("the last hour") pinned to the absolute window
 * it covers at `now`, so a teammate opening it tomorrow sees these minutes, and a picked bucket
 * stays on the charts. Auto-refresh means nothing for a fixed window, so it goes. A fixed range
 * or a broken one is copied as it is.
 */
export function pinnedHref(pathname: string, current: URLSearchParams, now: number): string {
  const range = parseTimeRange(current);
  if (!range.ok || range.value.kind !== "relative") return pageHref(pathname, current);
  const window = resolveTimeRange(range.value, now);
  return withTimeRangeKeepingBucket(pathname, current, { kind: "absolute", ...window });
}

function withTimeRangeKeepingBucket(pathname: string, current: URLSearchParams, range: TimeRange): string {
  const changes: Record<string, string | null> = { range: null, from: null, to: null, refresh: null };
  for (const [key, value] of timeRangeParams(range)) changes[key] = value;
  return withParams(pathname, current, changes);
}
