"use client";

import { ErrorPanel, Panel, SkeletonBlock } from "@/components/dashboard/dashboard-states";
import type { EndpointPanelProps } from "@/components/endpoint/endpoint-panel-props";
import { formatBucket } from "@/lib/charts/time-axis";
import type { OutlierAttribute } from "@/lib/contracts/outlier-schemas";
import { formatCount, formatLatency, formatPercent } from "@/lib/format/metrics";
import { useEndpointOutliers } from "@/lib/hooks/use-endpoint-outliers";

const TITLE = "What slow requests have in common";
const SOURCE_LABELS: Record<OutlierAttribute["source"], string> = {
  span: "span",
  resource: "resource",
  shape: "shape",
};

interface Stretch {
  from: number;
  to: number;
}

const buttonClass =
  "rounded-md border border-zinc-300 px-2 py-0.5 text-xs font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:hover:bg-zinc-800";

/**
 * The endpoint's requests above its p95 in the range against the rest — or, with a `selection`
 * dragged across the latency chart (`select=` in the URL), the requests of that stretch of time —
 * and the attribute values (of the request span, its resource, and its shape: error, insight
 * kinds, cache outcome) found more often among them, most over-represented first
 * (GET /api/endpoints/outliers).
 */
export function OutliersPanel({
  target,
  range,
  autoRefresh,
  selection,
  picked,
  onSelect,
}: EndpointPanelProps & {
  selection: Stretch | null;
  /** the step picked on the charts: a keyboard way to choose a stretch */
  picked: Stretch | null;
  /** choose a stretch (null: back to the slow requests) */
  onSelect: (stretch: Stretch | null) => void;
}) {
  const { data, error, isFetching, refetch } = useEndpointOutliers(target, range, selection, {
    autoRefresh: autoRefresh && selection === null,
  });
  if (error && !data) {
    return (
      <ErrorPanel
        title="Could not load what slow requests have in common"
        error={error}
        onRetry={() => void refetch()}
        retrying={isFetching}
      />
    );
  }
  const actions =
    selection !== null ? (
      <button type="button" className={buttonClass} onClick={() => onSelect(null)}>
        Back to the slowest 5 %
      </button>
    ) : picked !== null ? (
      <button type="button" className={buttonClass} onClick={() => onSelect(picked)}>
        Compare the picked step with the rest
      </button>
    ) : null;
  if (!data) {
    return (
      <Panel title={TITLE} className="lg:col-span-2" actions={actions}>
        <div role="status" aria-busy="true">
          <span className="sr-only">Loading…</span>
          <SkeletonBlock className="h-24" />
        </div>
      </Panel>
    );
  }
  const chosen = data.selection
    ? `${formatCount(data.slowCount)} requests in ${formatBucket(data.selection.from, data.selection.to - data.selection.from)} (chosen on the latency chart) against the other ${formatCount(data.restCount)} of the range`
    : null;
  const description =
    chosen ??
    (data.thresholdMs === null
      ? null
      : `${formatCount(data.slowCount)} requests slower than the p95 (${formatLatency(data.thresholdMs)}) against the other ${formatCount(data.restCount)}; every value counted on both sides. Drag across the latency chart to compare a stretch of time instead.`);
  if (data.attributes.length === 0) {
    return (
      <Panel title={TITLE} description={description} className="lg:col-span-2" actions={actions}>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {data.slowCount === 0
            ? data.selection
              ? "No requests in the chosen stretch of time."
              : "Too few requests in this range to tell the slow ones apart."
            : `No attribute value is more frequent among ${data.selection ? "these" : "the slow"} requests than among the rest.`}
        </p>
      </Panel>
    );
  }
  return (
    <Panel title={TITLE} description={description} className="lg:col-span-2" actions={actions}>
      <div className="-mx-4 -mb-4 overflow-x-auto">
        <table className="w-full min-w-[36rem] border-collapse text-sm">
          <caption className="sr-only">
            Attribute values by how much more often slow requests have them
          </caption>
          <thead>
            <tr className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
              <th scope="col" className="py-1.5 pr-2 pl-4 text-left font-medium">
                Attribute
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                {data.selection ? "Chosen requests" : "Slow requests"}
              </th>
              <th scope="col" className="py-1.5 pr-4 pl-2 text-right font-medium">
                Other requests
              </th>
            </tr>
          </thead>
          <tbody>
            {data.attributes.map((attribute) => (
              <tr
                key={`${attribute.source}\n${attribute.key}\n${attribute.value}`}
                data-key={attribute.key}
                className="border-b border-zinc-100 align-top last:border-0 dark:border-zinc-800/60"
              >
                <td className="max-w-[28rem] py-1.5 pr-2 pl-4">
                  <span className="font-mono text-xs break-words">
                    {attribute.key}={attribute.value}
                  </span>{" "}
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">
                    {SOURCE_LABELS[attribute.source]}
                  </span>
                </td>
                <ShareCell count={attribute.slowCount} share={attribute.slowShare} strong />
                <ShareCell count={attribute.restCount} share={attribute.restShare} last />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

function ShareCell({
  count,
  share,
  strong = false,
  last = false,
}: {
  count: number;
  share: number;
  strong?: boolean;
  last?: boolean;
}) {
  return (
    <td className={`${last ? "py-1.5 pr-4 pl-2" : "px-2 py-1.5"} text-right tabular-nums`}>
      <span className={strong ? "font-medium" : undefined}>{formatPercent(share)}</span>
      <div className="text-xs text-zinc-500 dark:text-zinc-400">{formatCount(count)}</div>
    </td>
  );
}
