import Link from "next/link";
import { Change } from "@/components/overview/change-badge";
import type { EndpointRow } from "@/lib/charts/endpoint-table";
import { serviceTrouble } from "@/lib/charts/service-ranking";
import {
  formatCount,
  formatLatency,
  formatPercent,
  formatRateIn,
  type RateUnit,
  rateUnitFor,
} from "@/lib/format/metrics";
import type { EndpointSort, EndpointSortKey } from "@/lib/url-state/dashboard-url";

interface Column {
  key: EndpointSortKey;
  label: string;
  /** what the column means, for the header's tooltip */
  title: string;
  numeric: boolean;
}

const columns: Column[] = [
  { key: "name", label: "Endpoint", title: "Sort by endpoint name", numeric: false },
  { key: "rate", label: "Rate", title: "Requests per second over the range", numeric: true },
  { key: "errors", label: "Errors", title: "Share of requests that failed", numeric: true },
  { key: "p50", label: "p50", title: "Median latency", numeric: true },
  { key: "p95", label: "p95", title: "95th percentile latency", numeric: true },
  { key: "p99", label: "p99", title: "99th percentile latency", numeric: true },
  { key: "cache", label: "Cache hits", title: "Cache hit ratio of the requests' lookups", numeric: true },
];

interface EndpointTableProps {
  service: string;
  rows: readonly EndpointRow[];
  sort: EndpointSort;
  onSort: (key: EndpointSortKey) => void;
  hrefFor: (row: EndpointRow) => string;
  /** the Rate column's unit, shared by every table of the page so their columns compare */
  rateUnit?: RateUnit;
}

/**
 * One service's endpoints. Headers are sort buttons (state in the URL); each row is a link to the
 * endpoint page, reached by clicking anywhere on it or tabbing to its name.
 */
export function EndpointTable({
  service,
  rows,
  sort,
  onSort,
  hrefFor,
  rateUnit: pageUnit,
}: EndpointTableProps) {
  const sortedBy =
    sort.key === "trouble"
      ? "trouble (error rate and p95 against the previous window)"
      : (columns.find((column) => column.key === sort.key)?.label ?? sort.key);
  // One unit for the whole column ("0.137/s" beside "3.28/min" misleads a reader comparing rows).
  const rateUnit = pageUnit ?? rateUnitFor(rows.map((row) => row.rate));
  return (
    <div className="overflow-x-auto">
      {/* Fixed layout with set widths: every service's table lines its columns up with the others. */}
      <table className="w-full min-w-[44rem] table-fixed border-collapse text-sm">
        <caption className="sr-only">
          Endpoints of {service}, sorted by {sortedBy} {sort.direction === "asc" ? "ascending" : "descending"}
        </caption>
        <colgroup>
          <col />
          {columns.slice(1).map((column) => (
            <col key={column.key} className={column.key === "cache" ? "w-28" : "w-24"} />
          ))}
        </colgroup>
        <thead>
          <tr className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            {columns.map((column) => {
              const active = sort.key === column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={active ? (sort.direction === "asc" ? "ascending" : "descending") : undefined}
                  className={`px-2 py-1.5 font-medium first:pl-4 last:pr-4 ${column.numeric ? "text-right" : "text-left"}`}
                >
                  <button
                    type="button"
                    onClick={() => onSort(column.key)}
                    title={column.title}
                    className={`inline-flex items-center gap-1 rounded px-1 py-0.5 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:hover:text-zinc-100 ${
                      active ? "text-zinc-900 dark:text-zinc-100" : ""
                    } ${column.numeric ? "flex-row-reverse" : ""}`}
                  >
                    {column.label}
                    <SortIcon direction={active ? sort.direction : null} />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.endpoint}
              className="relative border-b border-zinc-100 last:border-b-0 hover:bg-zinc-50 focus-within:bg-blue-50/60 dark:border-zinc-800/70 dark:hover:bg-zinc-800/50 dark:focus-within:bg-blue-950/40"
            >
              <td className="max-w-[28rem] py-2 pr-2 pl-4">
                <Link
                  href={hrefFor(row)}
                  // A busy service lists dozens of endpoints: prefetching each would load the server for nothing.
                  prefetch={false}
                  title={row.endpoint}
                  className="block rounded font-mono text-[13px] break-all sm:truncate sm:break-normal text-blue-700 after:absolute after:inset-0 after:content-[''] hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-blue-400"
                >
                  {row.endpoint}
                </Link>
              </td>
              <td className="px-2 py-2 text-right tabular-nums" title={`${formatCount(row.count)} requests`}>
                {formatRateIn(row.rate, rateUnit)}
              </td>
              <td
                className="px-2 py-2 text-right tabular-nums"
                title={`${formatCount(row.errorCount)} of ${formatCount(row.count)} requests failed`}
              >
                <span className={row.errorCount > 0 ? "font-medium text-red-700 dark:text-red-400" : ""}>
                  {formatPercent(row.count > 0 ? row.errorRate : null)}
                </span>
                <Change change={serviceTrouble(row).errorRateChange} what="error rate" block />
              </td>
              <td className="px-2 py-2 text-right tabular-nums">{formatLatency(row.p50Ms)}</td>
              <td className="px-2 py-2 text-right tabular-nums">
                {formatLatency(row.p95Ms)}
                <Change change={serviceTrouble(row).p95Change} what="p95" block />
              </td>
              <td className="px-2 py-2 text-right font-medium tabular-nums">{formatLatency(row.p99Ms)}</td>
              <td
                className="py-2 pr-4 pl-2 text-right tabular-nums"
                title={
                  row.cacheHitRatio === null
                    ? "No cache lookups"
                    : `${formatCount(row.cacheLookups)} cache lookups`
                }
              >
                {formatPercent(row.cacheHitRatio)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortIcon({ direction }: { direction: "asc" | "desc" | null }) {
  return (
    <svg viewBox="0 0 12 12" className="size-3 shrink-0" aria-hidden="true">
      <path d="M6 2 9 5H3z" className={direction === "asc" ? "fill-current" : "fill-current opacity-25"} />
      <path d="M6 10 3 7h6z" className={direction === "desc" ? "fill-current" : "fill-current opacity-25"} />
    </svg>
  );
}
