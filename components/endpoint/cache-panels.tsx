import { CacheLookupHelp } from "@/components/caches/cache-lookup-help";
import { CacheHitRatioChart, CacheMissCostChart } from "@/components/charts/cache-charts";
import { ChartLegend } from "@/components/charts/chart-legend";
import { Panel } from "@/components/dashboard/dashboard-states";
import { chartConfig } from "@/lib/charts/chart-config";
import type { CacheRow } from "@/lib/charts/endpoint-series";
import { formatStep } from "@/lib/charts/time-axis";
import { formatLatency, formatMissCost } from "@/lib/format/metrics";
import type { CacheEndpoint } from "@/lib/model/caches";

interface CachePanelsProps {
  rows: readonly CacheRow[];
  hasLookups: boolean;
  stepMs: number;
  /** this endpoint's entry in /api/caches: the range's p95 for misses and hits */
  cacheEntry: CacheEndpoint | null;
  syncId: string;
  selectedT: number | null;
  onSelectBucket: (t: number) => void;
}

/**
 * The hit ratio over time next to what a miss costs (p95 of requests that missed against those that
 * only hit). Without lookups, one panel says why it is empty; its heading stays, so the place to
 * look is the same for every endpoint.
 */
export function CachePanels({
  rows,
  hasLookups,
  stepMs,
  cacheEntry,
  syncId,
  selectedT,
  onSelectBucket,
}: CachePanelsProps) {
  if (!hasLookups) {
    return (
      <Panel title="Cache hit ratio" className="lg:col-span-2">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No cache lookups by this endpoint in this range. <CacheLookupHelp />
        </p>
      </Panel>
    );
  }
  const missP95 = cacheEntry?.missP95Ms ?? null;
  const hitP95 = cacheEntry?.hitP95Ms ?? null;
  const cost = formatMissCost(missP95, hitP95);
  return (
    <>
      <Panel title="Cache hit ratio" description={`Lookups that hit, per ${formatStep(stepMs)}`}>
        <CacheHitRatioChart
          rows={rows}
          bucketMs={stepMs}
          syncId={syncId}
          selectedT={selectedT}
          onSelectBucket={onSelectBucket}
        />
      </Panel>
      <Panel
        title="What a miss costs"
        description={
          cost === null ? (
            `p95 of requests that missed against those that only hit, per ${formatStep(stepMs)}`
          ) : missP95 !== null && hitP95 !== null && missP95 > hitP95 ? (
            <span>
              Over the range a miss costs <strong className="text-zinc-900 dark:text-zinc-100">{cost}</strong>{" "}
              at p95: {formatLatency(missP95)} against {formatLatency(hitP95)} for requests that only hit
            </span>
          ) : (
            `Over the range, requests that missed are no slower at p95: ${formatLatency(missP95)} against ${formatLatency(hitP95)}`
          )
        }
        actions={<ChartLegend items={[chartConfig.missP95, chartConfig.hitP95]} />}
      >
        <CacheMissCostChart
          rows={rows}
          bucketMs={stepMs}
          syncId={syncId}
          selectedT={selectedT}
          onSelectBucket={onSelectBucket}
        />
      </Panel>
    </>
  );
}
