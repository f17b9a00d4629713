import Link from "next/link";
import { formatCount, formatLatency, formatMissCost, formatPercent, NO_VALUE } from "@/lib/format/metrics";
import type { CacheEndpoint, CacheSpan } from "@/lib/model/caches";

const th = "px-2 py-1.5 font-medium first:pl-4 last:pr-4";
const td = "px-2 py-2 align-middle first:pl-4 last:pr-4";
const num = "text-right tabular-nums";

/** Endpoints ranked by cache misses (the API's order), with what a miss costs each of them. */
export function CacheEndpointsTable({
  endpoints,
  hrefFor,
}: {
  endpoints: readonly CacheEndpoint[];
  hrefFor: (entry: CacheEndpoint) => string;
}) {
  return (
    <div className="overflow-x-auto">
      {/* On a phone: endpoint, misses and hit ratio; the rest from sm up. */}
      <table className="w-full border-collapse text-sm sm:min-w-[48rem]">
        <caption className="sr-only">Endpoints ranked by cache misses, most first</caption>
        <thead>
          <tr className="border-b border-zinc-200 text-left text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <th scope="col" className={th}>
              Endpoint
            </th>
            <th scope="col" className={`${th} text-right`}>
              Misses
            </th>
            <th scope="col" className={`${th} text-right max-sm:hidden`}>
              Lookups
            </th>
            <th scope="col" className={`${th} text-right`}>
              Hit ratio
            </th>
            <th
              scope="col"
              className={`${th} text-right max-sm:hidden`}
              title="p95 of requests that missed at least once"
            >
              p95 miss
            </th>
            <th
              scope="col"
              className={`${th} text-right max-sm:hidden`}
              title="p95 of requests whose lookups all hit"
            >
              p95 hit
            </th>
            <th scope="col" className={`${th} text-right max-sm:hidden`}>
              A miss costs
            </th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((entry) => (
            <tr
              key={`${entry.service}\u0000${entry.endpoint}`}
              className="relative border-b border-zinc-100 last:border-b-0 hover:bg-zinc-50 focus-within:bg-blue-50/60 dark:border-zinc-800/70 dark:hover:bg-zinc-800/50 dark:focus-within:bg-blue-950/40"
            >
              <td className={`${td} max-w-[24rem]`}>
                <Link
                  href={hrefFor(entry)}
                  prefetch={false}
                  title={`${entry.endpoint} (${entry.service})`}
                  className="block truncate rounded font-mono text-[13px] text-blue-700 after:absolute after:inset-0 after:content-[''] hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-blue-400"
                >
                  {entry.endpoint}
                </Link>
                <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">
                  {entry.service}
                </span>
              </td>
              <td className={`${td} ${num} font-medium`}>{formatCount(entry.misses)}</td>
              <td className={`${td} ${num} max-sm:hidden`}>{formatCount(entry.lookups)}</td>
              <td className={`${td} ${num}`}>{formatPercent(entry.lookups > 0 ? entry.hitRatio : null)}</td>
              <td className={`${td} ${num} max-sm:hidden`}>{formatLatency(entry.missP95Ms)}</td>
              <td className={`${td} ${num} max-sm:hidden`}>{formatLatency(entry.hitP95Ms)}</td>
              <td className={`${td} ${num} max-sm:hidden`}>
                {formatMissCost(entry.missP95Ms, entry.hitP95Ms) ?? NO_VALUE}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The cache spans involved: which operation on which system, and how often it hit. */
export function CacheSpansTable({ caches }: { caches: readonly CacheSpan[] }) {
  return (
    <div className="overflow-x-auto">
      {/* On a phone: span name, service, misses and hit ratio. */}
      <table className="w-full border-collapse text-sm sm:min-w-[40rem]">
        <caption className="sr-only">Cache spans by service, name and system</caption>
        <thead>
          <tr className="border-b border-zinc-200 text-left text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <th scope="col" className={th}>
              Span name
            </th>
            <th scope="col" className={`${th} max-sm:hidden`}>
              System
            </th>
            <th scope="col" className={th}>
              Service
            </th>
            <th scope="col" className={`${th} text-right max-sm:hidden`}>
              Lookups
            </th>
            <th scope="col" className={`${th} text-right`}>
              Misses
            </th>
            <th scope="col" className={`${th} text-right`}>
              Hit ratio
            </th>
          </tr>
        </thead>
        <tbody>
          {caches.map((cache) => (
            <tr
              key={`${cache.service}\u0000${cache.name}\u0000${cache.system ?? ""}`}
              className="border-b border-zinc-100 last:border-b-0 dark:border-zinc-800/70"
            >
              <td className={`${td} font-mono text-[13px] break-all`}>{cache.name}</td>
              <td className={`${td} max-sm:hidden`}>
                {cache.system ? (
                  <span className="inline-block rounded bg-zinc-100 px-1.5 font-mono text-xs leading-5 dark:bg-zinc-800">
                    {cache.system}
                  </span>
                ) : (
                  NO_VALUE
                )}
              </td>
              <td className={`${td} break-all`}>{cache.service}</td>
              <td className={`${td} ${num} max-sm:hidden`}>{formatCount(cache.lookups)}</td>
              <td className={`${td} ${num} font-medium`}>{formatCount(cache.misses)}</td>
              <td className={`${td} ${num}`}>{formatPercent(cache.lookups > 0 ? cache.hitRatio : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
