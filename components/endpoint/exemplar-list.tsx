import Link from "next/link";
import { Panel, SkeletonBlock } from "@/components/dashboard/dashboard-states";
import type { ExemplarsResponse } from "@/lib/contracts/endpoint-schemas";
import { formatLatency } from "@/lib/format/metrics";
import { formatClockTime, formatStartTime, unixNanosToIso } from "@/lib/format/timestamp";
import { traceHref } from "@/lib/trace/trace-url";

interface ExemplarListProps {
  data: ExemplarsResponse | undefined;
  error: Error | null;
  loading: boolean;
  /** what the list covers: "the last hour", or the picked bucket */
  scope: string;
  /** present when a bucket is picked: goes back to the whole range */
  onShowWholeRange?: () => void;
  /** the failed requests (newest first) rather than the slowest */
  errors?: boolean;
}

/**
 * The slowest (or the failed) requests of the range or of one picked step, each a link into its
 * trace. A failed request's trace opens on its first error span, not on the request.
 */
export function ExemplarList({
  data,
  error,
  loading,
  scope,
  onShowWholeRange,
  errors = false,
}: ExemplarListProps) {
  const slowest = data?.exemplars.reduce((top, e) => Math.max(top, e.durationMs), 0) ?? 0;
  return (
    <Panel
      title={errors ? "Failed requests" : "Slowest requests"}
      description={<span aria-live="polite">{scope}</span>}
      className="min-w-0"
      actions={
        onShowWholeRange ? (
          <button
            type="button"
            onClick={onShowWholeRange}
            className="rounded-md px-2 py-1 text-xs font-medium text-blue-700 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-blue-400 dark:hover:bg-blue-950/50"
          >
            Show the whole range
          </button>
        ) : null
      }
    >
      {error && !data ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error.message}
        </p>
      ) : !data || loading ? (
        <div className="flex flex-col gap-2" aria-hidden="true">
          {[0, 1, 2].map((k) => (
            <SkeletonBlock key={k} className="h-6 w-full" />
          ))}
        </div>
      ) : data.exemplars.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          {errors ? "No failed requests in this time span." : "No requests in this time span."}
        </p>
      ) : (
        <ol className="flex flex-col">
          {data.exemplars.map((exemplar) => (
            <li key={exemplar.spanId}>
              <Link
                href={errors ? traceHref(exemplar.traceId) : traceHref(exemplar.traceId, exemplar.spanId)}
                prefetch={false}
                className="group flex items-center gap-3 rounded px-2 py-1.5 text-sm hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:hover:bg-zinc-800/60"
              >
                <span className="w-16 shrink-0 text-right font-medium tabular-nums">
                  {formatLatency(exemplar.durationMs)}
                </span>
                <span
                  className="relative hidden h-2 w-24 shrink-0 rounded bg-zinc-100 sm:block dark:bg-zinc-800"
                  aria-hidden="true"
                >
                  <span
                    className={`absolute inset-y-0 left-0 rounded ${exemplar.error ? "bg-red-500" : "bg-blue-500"}`}
                    style={{
                      width: `${slowest > 0 ? Math.max(2, (exemplar.durationMs / slowest) * 100) : 0}%`,
                    }}
                  />
                </span>
                <time
                  dateTime={unixNanosToIso(exemplar.startTimeUnixNano) ?? undefined}
                  title={formatStartTime(exemplar.startTimeUnixNano)}
                  className="shrink-0 text-zinc-600 tabular-nums dark:text-zinc-400"
                >
                  {formatClockTime(exemplar.startTimeUnixNano)}
                </time>
                <span className="min-w-0 truncate font-mono text-xs text-blue-700 group-hover:underline dark:text-blue-400">
                  trace {exemplar.traceId}
                </span>
                {exemplar.error ? (
                  <span className="shrink-0 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800 dark:bg-red-950 dark:text-red-300">
                    error
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
