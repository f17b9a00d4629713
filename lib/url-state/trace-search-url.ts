// The /traces page's URL: its filters, as other pages link to it and as the form writes them.
//   /traces?service=S&endpoint=E&name=N&attr=k%3Dv&minDurationMs=&maxDurationMs=&status=error&sort=duration
//           &range=1h | &from=MS&to=MS
// The same parameter names as GET /api/traces, so a page link and an API call read alike. Pure.
import { type TraceSearchSort, traceSearchSorts } from "@/lib/contracts/trace-search-schema";
import { pageHref } from "@/lib/url-state/dashboard-url";

export interface TraceSearchFilters {
  service: string | null;
  endpoint: string | null;
  name: string | null;
  /** "key=value" each */
  attrs: string[];
  minDurationMs: string | null;
  maxDurationMs: string | null;
  status: "error" | "ok" | null;
  sort: TraceSearchSort;
}

export const EMPTY_FILTERS: TraceSearchFilters = {
  service: null,
  endpoint: null,
  name: null,
  attrs: [],
  minDurationMs: null,
  maxDurationMs: null,
  status: null,
  sort: "start",
};

const FILTER_KEYS = ["service", "endpoint", "name", "minDurationMs", "maxDurationMs"] as const;

function text(params: URLSearchParams, key: string): string | null {
  const value = params.get(key)?.trim();
  return value ? value : null;
}

/**
 * Filters from the page URL. Lenient where a stale link is harmless (an unknown sort or status
 * falls back to the default); durations and attributes go to the API as written, whose 400 says
 * what to fix.
 */
export function parseTraceSearchFilters(params: URLSearchParams): TraceSearchFilters {
  const status = params.get("status");
  const sort = params.get("sort");
  return {
    service: text(params, "service"),
    endpoint: text(params, "endpoint"),
    name: text(params, "name"),
    attrs: params.getAll("attr").filter((attr) => attr.trim() !== ""),
    minDurationMs: text(params, "minDurationMs"),
    maxDurationMs: text(params, "maxDurationMs"),
    status: status === "error" || status === "ok" ? status : null,
    sort:
      sort !== null && (traceSearchSorts as readonly string[]).includes(sort)
        ? (sort as TraceSearchSort)
        : "start",
  };
}

/** The filters as query parameters (page URL and API alike); defaults left out. */
export function filterParams(filters: TraceSearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== null) params.set(key, value);
  }
  for (const attr of filters.attrs) params.append("attr", attr);
  if (filters.status !== null) params.set("status", filters.status);
  if (filters.sort !== "start") params.set("sort", filters.sort);
  return params;
}

/** The page with other filters, keeping the time range (and anything else) of `current`. */
export function withFilters(pathname: string, current: URLSearchParams, filters: TraceSearchFilters): string {
  const next = new URLSearchParams();
  for (const [key, value] of current) {
    if (!(FILTER_KEYS as readonly string[]).includes(key) && !["attr", "status", "sort"].includes(key)) {
      next.append(key, value);
    }
  }
  for (const [key, value] of filterParams(filters)) next.append(key, value);
  return pageHref(pathname, next);
}

/**
 * A link into trace search from elsewhere, e.g. "slowest requests of this endpoint":
 * tracesHref({ service, endpoint, sort: "duration", from, to }). Without from/to: the last hour.
 */
export function tracesHref(
  link: Partial<Pick<TraceSearchFilters, "service" | "endpoint" | "status" | "sort">> & {
    from?: number;
    to?: number;
    range?: string;
  },
): string {
  const params = filterParams({ ...EMPTY_FILTERS, ...link });
  if (link.from !== undefined && link.to !== undefined) {
    params.set("from", String(link.from));
    params.set("to", String(link.to));
  } else if (link.range) params.set("range", link.range);
  return pageHref("/traces", params);
}
