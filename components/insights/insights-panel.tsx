"use client";

import { EmptyPanel, ErrorPanel, Panel, SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { INSIGHT_KIND_LABELS, InsightsTable } from "@/components/insights/insights-table";
import type { NearMiss } from "@/lib/contracts/insight-schemas";
import { useInsights } from "@/lib/hooks/use-insights";
import type { TimeRange } from "@/lib/url-state/time-range";

const TITLE = "Insights";
const DESCRIPTION =
  "N+1 calls, sequential calls, slow queries and cache misses found in this endpoint's traces, most time to save first. Examples open the trace with the offending spans highlighted.";

/** An endpoint's own findings (GET /api/insights?service=&endpoint=), for the endpoint page. */
export function InsightsPanel({
  service,
  endpoint,
  range,
  autoRefresh = false,
}: {
  service: string;
  endpoint: string;
  range: TimeRange;
  autoRefresh?: boolean;
}) {
  const { data, error, isFetching, refetch } = useInsights({ service, endpoint }, range, { autoRefresh });
  if (error && !data) {
    return (
      <ErrorPanel
        title="Could not load insights"
        error={error}
        onRetry={() => void refetch()}
        retrying={isFetching}
      />
    );
  }
  if (!data) {
    return (
      <Panel title={TITLE} description={DESCRIPTION} className="lg:col-span-2">
        <SkeletonBlock className="h-24" />
      </Panel>
    );
  }
  const nearMisses = <NearMisses nearMisses={data.nearMisses} />;
  if (data.findings.length === 0) {
    return (
      <EmptyPanel title={TITLE}>
        <p>
          No N+1 calls, sequential calls, slow queries or cache misses found in this endpoint's traces in this
          range.
        </p>
        {nearMisses}
      </EmptyPanel>
    );
  }
  return (
    <Panel title={TITLE} description={DESCRIPTION} className="lg:col-span-2">
      <div className="-mx-4 -mb-4">
        <InsightsTable findings={data.findings} />
      </div>
      {nearMisses}
    </Panel>
  );
}

/** Why what came close was not flagged: "N+1 calls … — 4 repeated calls: below the threshold of 5". */
function NearMisses({ nearMisses }: { nearMisses: readonly NearMiss[] }) {
  if (nearMisses.length === 0) return null;
  return (
    <div className="mt-6 text-sm">
      <h3 className="font-medium">Near misses</h3>
      <ul aria-label="Near misses" className="mt-1 flex flex-col gap-1">
        {nearMisses.map((miss) => (
          <li key={`${miss.kind}:${miss.key}`} data-kind={miss.kind}>
            <span className="font-medium">{INSIGHT_KIND_LABELS[miss.kind]}</span>{" "}
            {/* a cache near miss's key is a fixed label its reason already says */}
            {miss.kind === "cache_miss_cost" ? null : <span className="font-mono text-xs">{miss.key}</span>} —{" "}
            {miss.reason} ({miss.requests.toLocaleString("en-US")}{" "}
            {miss.requests === 1 ? "request" : "requests"})
          </li>
        ))}
      </ul>
    </div>
  );
}
