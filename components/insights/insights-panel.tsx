"use client";

import { EmptyPanel, ErrorPanel, Panel, SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { InsightsTable } from "@/components/insights/insights-table";
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
  if (data.findings.length === 0) {
    return (
      <EmptyPanel title={TITLE}>
        <p>No N+1 calls, sequential calls or slow queries found in this endpoint's traces in this range.</p>
      </EmptyPanel>
    );
  }
  return (
    <Panel title={TITLE} description={DESCRIPTION} className="lg:col-span-2">
      <div className="-mx-4 -mb-4">
        <InsightsTable findings={data.findings} />
      </div>
    </Panel>
  );
}
