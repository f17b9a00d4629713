"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { pageHref } from "@/lib/url-state/dashboard-url";
import { EMPTY_FILTERS, filterParams, type TraceSearchFilters } from "@/lib/url-state/trace-search-url";

const link =
  "rounded text-sm font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-blue-400";

/**
 * "Slowest traces" and "Traces with errors" of a service or endpoint, opening trace search
 * pre-filtered over the time range of the page it sits on. Self-contained, for one-line use.
 */
export function TraceSearchLinks({
  service,
  endpoint = null,
}: {
  service: string;
  endpoint?: string | null;
}) {
  const current = useSearchParams();
  const href = (patch: Partial<TraceSearchFilters>) => {
    const params = filterParams({ ...EMPTY_FILTERS, service, endpoint, ...patch });
    for (const key of ["range", "from", "to"]) {
      const value = current.get(key);
      if (value !== null) params.set(key, value);
    }
    return pageHref("/traces", params);
  };
  const subject = endpoint ?? service;
  return (
    <p className="flex flex-wrap gap-x-4 gap-y-1">
      <Link href={href({ sort: "duration" })} className={link} aria-label={`Slowest traces of ${subject}`}>
        Slowest traces
      </Link>
      <Link href={href({ status: "error" })} className={link} aria-label={`Traces with errors of ${subject}`}>
        Traces with errors
      </Link>
    </p>
  );
}
