// The /metrics page's query in its URL: `metric=` (name), `stat=`, `groupBy=` (comma-separated),
// repeated `filter=key=value`, `view=heatmap` (a histogram's buckets instead of its stat), `q=` (the list's search text), besides the shared time range and
// service. Pure: parsing and building links, no router. Lenient: the API explains bad queries.
import { pageHref } from "@/lib/url-state/dashboard-url";

export interface MetricsQueryState {
  /** the metric shown; null: the list only */
  metric: string | null;
  stat: string | null;
  groupBy: string[];
  filters: [string, string][];
  /** histograms: "heatmap" draws the buckets per step; null draws the stat's line chart */
  view: "heatmap" | null;
  search: string;
}

export function parseMetricsQuery(params: URLSearchParams): MetricsQueryState {
  const groupBy = (params.get("groupBy") ?? "")
    .split(",")
    .map((key) => key.trim())
    .filter((key) => key !== "");
  const filters = params
    .getAll("filter")
    .map((text): [string, string] | null => {
      const at = text.indexOf("=");
      return at > 0 ? [text.slice(0, at), text.slice(at + 1)] : null;
    })
    .filter((f): f is [string, string] => f !== null);
  return {
    metric: params.get("metric") || null,
    stat: params.get("stat") || null,
    groupBy,
    filters,
    view: params.get("view") === "heatmap" ? "heatmap" : null,
    search: params.get("q") ?? "",
  };
}

/** The page's link with the query replaced by `state`; other parameters (time range) kept. */
export function metricsHref(pathname: string, current: URLSearchParams, state: MetricsQueryState): string {
  const next = new URLSearchParams(current);
  for (const key of ["metric", "stat", "groupBy", "filter", "view", "q"]) next.delete(key);
  if (state.search) next.set("q", state.search);
  if (state.metric) next.set("metric", state.metric);
  if (state.metric && state.stat) next.set("stat", state.stat);
  if (state.metric && state.groupBy.length > 0) next.set("groupBy", state.groupBy.join(","));
  if (state.metric) for (const [key, value] of state.filters) next.append("filter", `${key}=${value}`);
  if (state.metric && state.view) next.set("view", state.view);
  return pageHref(pathname, next);
}

/** The API request for the chart: the page's query plus the resolved time window. */
export function metricQueryParams(
  state: MetricsQueryState & { metric: string },
  service: string | null,
  window: { from: number; to: number },
): URLSearchParams {
  const params = new URLSearchParams({
    name: state.metric,
    from: String(window.from),
    to: String(window.to),
  });
  if (service) params.set("service", service);
  if (state.stat) params.set("stat", state.stat);
  if (state.groupBy.length > 0) params.set("groupBy", state.groupBy.join(","));
  for (const [key, value] of state.filters) params.append("filter", `${key}=${value}`);
  if (state.view === "heatmap") params.set("heatmap", "1");
  return params;
}
