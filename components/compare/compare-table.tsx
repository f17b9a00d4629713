import Link from "next/link";
import type { CompareResponse, CompareSide } from "@/lib/contracts/compare-schemas";
import { formatCount, formatLatency, formatPercent } from "@/lib/format/metrics";
import { endpointHref } from "@/lib/url-state/dashboard-url";

type EndpointComparison = CompareResponse["endpoints"][number];

const COLUMNS: { heading: string; value: (side: CompareSide) => string }[] = [
  { heading: "Requests", value: (side) => formatCount(side.count) },
  { heading: "Errors", value: (side) => formatPercent(side.count === 0 ? null : side.errorRate) },
  { heading: "p50", value: (side) => formatLatency(side.p50Ms) },
  { heading: "p95", value: (side) => formatLatency(side.p95Ms) },
  { heading: "p99", value: (side) => formatLatency(side.p99Ms) },
  { heading: "Cache hits", value: (side) => formatPercent(side.cacheHitRatio) },
];

/** Each endpoint's baseline above its candidate, and the p95 change with whether it is beyond noise. Pure. */
export function CompareTable({
  endpoints,
  service,
  search,
}: {
  endpoints: readonly EndpointComparison[];
  service: string;
  search: URLSearchParams;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] border-collapse text-sm">
        <caption className="sr-only">
          Endpoints on the baseline and the candidate, largest p95 change first
        </caption>
        <thead>
          <tr className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <th scope="col" className="py-1.5 pr-2 pl-4 text-left font-medium">
              Endpoint
            </th>
            {COLUMNS.map((column) => (
              <th key={column.heading} scope="col" className="px-2 py-1.5 text-right font-medium">
                {column.heading}
              </th>
            ))}
            <th scope="col" className="py-1.5 pr-4 pl-2 text-left font-medium">
              p95 change
            </th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((row) => (
            <tr
              key={row.endpoint}
              data-endpoint={row.endpoint}
              data-direction={row.change.direction}
              data-significant={row.change.significant}
              className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800/60"
            >
              <th scope="row" className="max-w-[20rem] py-1.5 pr-2 pl-4 text-left font-normal">
                <Link
                  href={endpointHref({ service, endpoint: row.endpoint }, search)}
                  className="font-mono text-xs break-words hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  {row.endpoint}
                </Link>
              </th>
              {COLUMNS.map((column) => (
                <td key={column.heading} className="px-2 py-1.5 text-right tabular-nums">
                  <div className="text-zinc-500 dark:text-zinc-400" title="baseline">
                    {column.value(row.baseline)}
                  </div>
                  <div title="candidate">{column.value(row.candidate)}</div>
                </td>
              ))}
              <td className="py-1.5 pr-4 pl-2">
                <ChangeCell change={row.change} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChangeCell({ change }: { change: EndpointComparison["change"] }) {
  const ratio = change.p95Ratio === null ? null : `${change.p95Ratio.toFixed(2)}×`;
  if (!change.significant) {
    return (
      <span className="text-zinc-600 dark:text-zinc-400">
        {ratio ?? "—"} <span className="text-xs">within noise</span>
      </span>
    );
  }
  const slower = change.direction === "slower";
  return (
    <span
      className={`rounded px-1.5 py-0.5 text-xs font-medium ${
        slower
          ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300"
          : "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-300"
      }`}
    >
      {ratio} {slower ? "slower" : "faster"}
    </span>
  );
}
