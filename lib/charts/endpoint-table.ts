// The overview's endpoint tables, from /api/endpoints (EndpointSummary): a request rate per row,
// grouped by service, sorted the way the URL says.
import { compareTrouble } from "@/lib/charts/service-ranking";
import type { EndpointSummary } from "@/lib/model/endpoints";
import type { EndpointSort, EndpointSortKey } from "@/lib/url-state/dashboard-url";

export interface EndpointRow extends EndpointSummary {
  /** requests per second over the window */
  rate: number;
}

export function toEndpointRows(
  endpoints: readonly EndpointSummary[],
  window: { from: number; to: number },
): EndpointRow[] {
  const seconds = (window.to - window.from) / 1000;
  return endpoints.map((endpoint) => ({ ...endpoint, rate: seconds > 0 ? endpoint.count / seconds : 0 }));
}

/** Rows per service, services in name order (the order the API returns services in). */
export function groupByService(rows: readonly EndpointRow[]): Map<string, EndpointRow[]> {
  const groups = new Map<string, EndpointRow[]>();
  for (const service of [...new Set(rows.map((row) => row.service))].sort((a, b) => a.localeCompare(b))) {
    groups.set(service, []);
  }
  for (const row of rows) groups.get(row.service)?.push(row);
  return groups;
}

type SortValue = number | string | null;

const sortValue: Record<Exclude<EndpointSortKey, "trouble">, (row: EndpointRow) => SortValue> = {
  name: (row) => row.endpoint,
  rate: (row) => row.rate,
  errors: (row) => row.errorRate,
  p50: (row) => row.p50Ms,
  p95: (row) => row.p95Ms,
  p99: (row) => row.p99Ms,
  cache: (row) => row.cacheHitRatio,
};

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === "string" && typeof b === "string") return a.localeCompare(b);
  return (a as number) - (b as number);
}

/**
 * A sorted copy. Missing values (no latency, no cache lookups) go last in both directions:
 * they are not "fastest" or "worst". Ties fall back to the busier endpoint, then the name,
 * so the order never shuffles between refreshes.
 */
export function sortEndpointRows(rows: readonly EndpointRow[], sort: EndpointSort): EndpointRow[] {
  const sign = sort.direction === "asc" ? 1 : -1;
  const tieBreak = (a: EndpointRow, b: EndpointRow) =>
    b.count - a.count || a.endpoint.localeCompare(b.endpoint) || a.service.localeCompare(b.service);
  if (sort.key === "trouble") {
    // compareTrouble puts the most troubled first: that is "descending".
    return [...rows].sort((a, b) => -sign * compareTrouble(a, b) || tieBreak(a, b));
  }
  const value = sortValue[sort.key];
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else {
      const primary = compareValues(va, vb);
      if (primary !== 0) return sign * primary;
      if (sort.key === "errors" && a.errorCount !== b.errorCount) return sign * (a.errorCount - b.errorCount);
    }
    return b.count - a.count || a.endpoint.localeCompare(b.endpoint) || a.service.localeCompare(b.service);
  });
}
