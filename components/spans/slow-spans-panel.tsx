"use client";

import Link from "next/link";
import { EmptyPanel, ErrorPanel, Panel, SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { formatDuration } from "@/lib/format/duration";
import { useSlowSpans } from "@/lib/hooks/use-slow-spans";
import type { Millis } from "@/lib/model/units";
import { traceHref } from "@/lib/trace/trace-url";
import type { TimeRange } from "@/lib/url-state/time-range";

interface SlowSpansPanelProps {
  service: string;
  /** null: every request of the service */
  endpoint: string | null;
  range: TimeRange;
  autoRefresh?: boolean;
}

const ms = (value: number) => formatDuration(value as Millis);

/**
 * Where the requests spend their time: the spans inside them grouped by name (the statement for
 * database spans, literals replaced by "?"), heaviest total first, with links to the slowest.
 * Self-contained (fetches its own data) so a page adds it with one line.
 */
export function SlowSpansPanel({ service, endpoint, range, autoRefresh = false }: SlowSpansPanelProps) {
  const { data, error, isFetching, refetch } = useSlowSpans({ service, endpoint }, range, { autoRefresh });
  const title = "Where the time goes";
  const description = `Spans inside ${endpoint ? "this endpoint's" : `${service}'s`} requests, grouped by name or statement. Share: the group's total time over the requests' total time (parallel spans can add up to more than 100 %).`;
  if (error && !data) {
    return (
      <ErrorPanel
        title="Could not load the slow spans"
        error={error}
        onRetry={() => void refetch()}
        retrying={isFetching}
      />
    );
  }
  if (!data) {
    return (
      <Panel title={title} description={description} className="lg:col-span-2">
        <SkeletonBlock className="h-32" />
      </Panel>
    );
  }
  if (data.groups.length === 0) {
    return (
      <EmptyPanel title={title}>
        <p>
          {data.requestCount === 0
            ? "No requests in this time range."
            : "The requests in this time range have no spans inside them."}
        </p>
      </EmptyPanel>
    );
  }
  return (
    <Panel
      title={title}
      description={`${description} ${data.requestCount.toLocaleString("en-US")} requests, ${ms(data.requestTimeMs)} in all.`}
      className="lg:col-span-2"
    >
      <div className="overflow-x-auto">
        <table className="w-full min-w-[44rem] border-collapse text-sm">
          <caption className="sr-only">Span groups by total time, largest first</caption>
          <thead>
            <tr className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
              <th scope="col" className="py-1.5 pr-2 text-left font-medium">
                Span
              </th>
              {["Count", "p50", "p95", "Max", "Total", "Share"].map((heading) => (
                <th key={heading} scope="col" className="px-2 py-1.5 text-right font-medium">
                  {heading}
                </th>
              ))}
              <th scope="col" className="py-1.5 pl-2 text-left font-medium">
                Slowest
              </th>
            </tr>
          </thead>
          <tbody>
            {data.groups.map((group) => (
              <tr
                key={`${group.service}\n${group.name}`}
                className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800/60"
              >
                <td className="max-w-[24rem] py-1.5 pr-2">
                  <div className="font-mono text-xs break-words">{group.name}</div>
                  <div className="text-xs text-zinc-500 dark:text-zinc-400">{group.service}</div>
                </td>
                <td className="px-2 py-1.5 text-right tabular-nums">{group.count.toLocaleString("en-US")}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{ms(group.p50Ms)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{ms(group.p95Ms)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{ms(group.maxMs)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{ms(group.totalMs)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{(group.share * 100).toFixed(1)} %</td>
                <td className="py-1.5 pl-2">
                  <ul className="flex flex-wrap gap-x-2">
                    {group.examples.map((example) => (
                      <li key={example.spanId}>
                        <Link
                          href={traceHref(example.traceId, example.spanId)}
                          className="text-blue-700 tabular-nums hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400"
                          title={`Open trace ${example.traceId} at this span`}
                        >
                          {ms(example.durationMs)}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
