import Link from "next/link";
import type { Insight, InsightKind } from "@/lib/contracts/insight-schemas";
import { formatDuration } from "@/lib/format/duration";
import type { Millis } from "@/lib/model/units";
import { traceHref } from "@/lib/trace/trace-url";

export const INSIGHT_KIND_LABELS: Record<InsightKind, string> = {
  n_plus_one: "N+1 calls",
  sequential_calls: "Sequential calls",
  slow_query: "Slow query",
  cache_miss_cost: "Cache misses",
};

const ms = (value: number) => formatDuration(value as Millis);

/**
 * Findings ranked by the total time a fix would save, each with links to its example traces that
 * open at the first offending span with all of them highlighted. Pure: data comes as props.
 */
export function InsightsTable({
  findings,
  endpointHref,
}: {
  findings: readonly Insight[];
  /** omitted on an endpoint's own page */
  endpointHref?: (finding: Insight) => string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[48rem] border-collapse text-sm">
        <caption className="sr-only">Findings by total time to save, largest first</caption>
        <thead>
          <tr className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <th scope="col" className="py-1.5 pr-2 pl-4 text-left font-medium">
              Finding
            </th>
            {["Requests", "Calls", "Saves per request", "Saves in all"].map((heading) => (
              <th key={heading} scope="col" className="px-2 py-1.5 text-right font-medium">
                {heading}
              </th>
            ))}
            <th scope="col" className="py-1.5 pr-4 pl-2 text-left font-medium">
              Examples
            </th>
          </tr>
        </thead>
        <tbody>
          {findings.map((finding) => (
            <tr
              key={`${finding.kind}\n${finding.service}\n${finding.endpoint}\n${finding.key}`}
              data-kind={finding.kind}
              className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800/60"
            >
              <td className="max-w-[28rem] py-1.5 pr-2 pl-4">
                <div className="font-medium">{INSIGHT_KIND_LABELS[finding.kind]}</div>
                <div className="font-mono text-xs break-words text-zinc-700 dark:text-zinc-300">
                  {finding.key}
                </div>
                <Evidence finding={finding} />
                <div className="text-xs text-zinc-500 dark:text-zinc-400">
                  {endpointHref ? (
                    <Link href={endpointHref(finding)} className="hover:underline">
                      {finding.service} · {finding.endpoint}
                    </Link>
                  ) : (
                    `${finding.service} · ${finding.endpoint}`
                  )}
                </div>
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">
                {finding.requests.toLocaleString("en-US")}
                <div className="text-xs text-zinc-500 dark:text-zinc-400">
                  {(finding.share * 100).toFixed(0)} %
                </div>
              </td>
              <td className="px-2 py-1.5 text-right tabular-nums">{finding.maxCount}</td>
              <td className="px-2 py-1.5 text-right tabular-nums">{ms(finding.timeSavedMs)}</td>
              <td className="px-2 py-1.5 text-right font-medium tabular-nums">
                {ms(finding.totalTimeSavedMs)}
              </td>
              <td className="py-1.5 pr-4 pl-2">
                <ul className="flex flex-wrap gap-x-2">
                  {finding.examples.map((example) => (
                    <li key={example.traceId}>
                      <Link
                        href={traceHref(example.traceId, example.spanIds[0], example.spanIds)}
                        className="text-blue-700 tabular-nums hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400"
                        title={`Open trace ${example.traceId} with the ${example.spanIds.length} offending spans highlighted`}
                      >
                        {ms(example.timeSavedMs)}
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
  );
}

const counted = (n: number, noun: string) => `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;

/** What the finding was judged on, beyond the counts: a slow query's p95, a cache's two sides. */
function Evidence({ finding }: { finding: Insight }) {
  const text = finding.statement
    ? `p95 ${ms(finding.statement.p95Ms)} over ${counted(finding.statement.calls, "call")} in ${counted(finding.statement.requests, "request")} · ${(finding.statement.endpointTimeShare * 100).toFixed(0)} % of the endpoint's time`
    : finding.cache
      ? `p50 ${ms(finding.cache.missedP50Ms)} when a lookup missed, ${ms(finding.cache.hitP50Ms)} when all hit`
      : null;
  if (text === null) return null;
  return (
    <div className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="insight-evidence">
      {text}
    </div>
  );
}
