"use client";

import Link from "next/link";
import { useState } from "react";
import type { TraceSearchSort, TraceSummary } from "@/lib/contracts/trace-search-schema";
import { formatDuration } from "@/lib/format/duration";
import { formatStartTime } from "@/lib/format/timestamp";
import type { Millis } from "@/lib/model/units";
import { compareHref, traceHref } from "@/lib/trace/trace-url";

interface Column {
  sort: TraceSearchSort | null;
  label: string;
  title: string;
  numeric: boolean;
}

const columns: Column[] = [
  { sort: "start", label: "Started", title: "Sort by start, newest first", numeric: false },
  { sort: null, label: "Trace", title: "Root span and its service", numeric: false },
  { sort: "duration", label: "Duration", title: "Sort by trace duration, longest first", numeric: true },
  { sort: "spans", label: "Spans", title: "Sort by span count, largest first", numeric: true },
  { sort: "errors", label: "Errors", title: "Sort by spans with status ERROR, most first", numeric: true },
];

interface TraceResultsTableProps {
  traces: readonly TraceSummary[];
  sort: TraceSearchSort;
  onSort: (sort: TraceSearchSort) => void;
}

/**
 * The traces found, in the server's order (sorting happens on the server, over every match, not
 * over the rows loaded). Headers are sort buttons; each trace's name links to its page.
 */
export function TraceResultsTable({ traces, sort, onSort }: TraceResultsTableProps) {
  // Up to two traces ticked for comparison, in the order ticked (the first is the baseline).
  const [picked, setPicked] = useState<readonly string[]>([]);
  const togglePick = (traceId: string, on: boolean) =>
    setPicked((previous) =>
      on
        ? [...previous.filter((id) => id !== traceId), traceId].slice(-2)
        : previous.filter((id) => id !== traceId),
    );
  return (
    <div className="overflow-x-auto">
      <p className="pb-1 text-xs text-zinc-600 dark:text-zinc-400">
        {picked.length === 2 ? (
          <Link
            href={compareHref(picked[0] as string, picked[1] as string)}
            className="font-medium text-blue-700 hover:underline dark:text-blue-400"
          >
            Compare the two ticked traces
          </Link>
        ) : (
          `Tick two traces to compare them (${picked.length} of 2 ticked).`
        )}
      </p>
      <table className="w-full min-w-[40rem] border-collapse text-sm">
        <caption className="sr-only">Traces found, sorted by {sort}, descending</caption>
        <thead>
          <tr className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <th scope="col" className="w-6 py-1.5 pr-1 text-left font-medium">
              <span className="sr-only">Compare</span>
            </th>
            {columns.map((column) => {
              const active = column.sort === sort;
              return (
                <th
                  key={column.label}
                  scope="col"
                  aria-sort={active ? "descending" : undefined}
                  className={`px-2 py-1.5 font-medium first:pl-0 ${column.numeric ? "text-right" : "text-left"}`}
                >
                  {column.sort === null ? (
                    column.label
                  ) : (
                    <button
                      type="button"
                      title={column.title}
                      onClick={() => column.sort && onSort(column.sort)}
                      className={`rounded px-1 py-0.5 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:text-zinc-100 ${active ? "font-semibold text-zinc-900 dark:text-zinc-100" : ""}`}
                    >
                      {column.label}
                      {active ? <span aria-hidden="true"> ↓</span> : null}
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {traces.map((trace) => (
            <tr
              key={trace.traceId}
              className="border-b border-zinc-100 align-top last:border-0 hover:bg-zinc-50 dark:border-zinc-800/60 dark:hover:bg-zinc-800/40"
            >
              <td className="py-1.5 pr-1">
                <input
                  type="checkbox"
                  aria-label={`Tick trace ${trace.traceId} to compare`}
                  checked={picked.includes(trace.traceId)}
                  onChange={(event) => togglePick(trace.traceId, event.target.checked)}
                />
              </td>
              <td className="py-1.5 pr-2 whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">
                {formatStartTime(trace.startTimeUnixNano)}
              </td>
              <td className="max-w-[22rem] px-2 py-1.5">
                <Link
                  href={traceHref(trace.traceId)}
                  className="font-medium break-words text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400"
                >
                  {trace.rootName ?? trace.endpoint ?? `trace ${trace.traceId.slice(0, 8)}…`}
                </Link>
                <div className="text-xs break-words text-zinc-500 dark:text-zinc-400">
                  {trace.rootService ?? "root not received"}
                  {trace.services.length > 1 ? ` + ${trace.services.length - 1} more services` : ""}
                </div>
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">
                {formatDuration(trace.durationMs as Millis)}
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">
                {trace.spanCount.toLocaleString("en-US")}
              </td>
              <td
                className={`px-2 py-1.5 text-right tabular-nums ${trace.errorCount > 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}`}
              >
                {trace.errorCount}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
