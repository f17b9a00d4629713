"use client";

import type { ReactNode } from "react";
import {
  DashboardShell,
  EmptyPanel,
  ErrorPanel,
  InvalidLinkPanel,
  Panel,
  SkeletonBlock,
} from "@/components/dashboard/dashboard-states";
import { DashboardToolbar } from "@/components/dashboard/dashboard-toolbar";
import { ServiceFilter } from "@/components/dashboard/service-filter";
import { InsightsTable } from "@/components/insights/insights-table";
import { useDashboardUrl } from "@/lib/hooks/use-dashboard-url";
import { useInsights } from "@/lib/hooks/use-insights";
import { useServices } from "@/lib/hooks/use-services";
import {
  endpointHref,
  parseAutoRefresh,
  parseServiceFilter,
  withParams,
} from "@/lib/url-state/dashboard-url";
import { describeTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/** `/insights`: what the detectors found in every service's traces, most time to save first. */
export function InsightsView() {
  const { range, pathname } = useDashboardUrl();
  if (!range.ok) {
    return (
      <DashboardShell title="Insights" toolbar={<DashboardToolbar />}>
        <InvalidLinkPanel
          message={range.error}
          fixHref={`${pathname}?range=1h`}
          fixLabel="Show the last hour"
        />
      </DashboardShell>
    );
  }
  return <InsightsContent range={range.value} />;
}

function InsightsContent({ range }: { range: TimeRange }) {
  const { search, pathname, push } = useDashboardUrl();
  const service = parseServiceFilter(search);
  const autoRefresh = parseAutoRefresh(search, range);
  const insights = useInsights({ service, endpoint: null }, range, { autoRefresh });
  const services = useServices(range, { autoRefresh });

  const toolbar = (
    <DashboardToolbar status={{ fetching: insights.isFetching, updatedAt: insights.dataUpdatedAt }}>
      <ServiceFilter
        services={(services.data?.services ?? []).map((s) => s.service)}
        value={service}
        onChange={(next) => push(withParams(pathname, search, { service: next }))}
      />
    </DashboardToolbar>
  );

  let body: ReactNode;
  if (insights.error && !insights.data) {
    body = (
      <ErrorPanel
        title="Could not load insights"
        error={insights.error}
        onRetry={() => void insights.refetch()}
        retrying={insights.isFetching}
      />
    );
  } else if (!insights.data) {
    body = (
      <div role="status" aria-busy="true">
        <span className="sr-only">Loading insights…</span>
        <SkeletonBlock className="h-48" />
      </div>
    );
  } else if (insights.data.findings.length === 0) {
    body = (
      <EmptyPanel title={service ? `No findings for ${service} in this range` : "No findings in this range"}>
        <p>
          Traces are analysed once they have been quiet for a moment; none in this range shows N+1 calls,
          sequential calls or slow queries. See docs/insights.md for the thresholds.
        </p>
      </EmptyPanel>
    );
  } else {
    body = (
      <Panel
        title="Findings by time to save"
        description="Per endpoint and normalised call: how many requests show it and what a fix would save"
      >
        <div className="-mx-4 -mb-4">
          <InsightsTable
            findings={insights.data.findings}
            endpointHref={(finding) =>
              endpointHref({ service: finding.service, endpoint: finding.endpoint }, search)
            }
          />
        </div>
      </Panel>
    );
  }

  return (
    <DashboardShell
      title="Insights"
      subtitle={`N+1 calls, sequential calls, slow queries, cache misses · ${describeTimeRange(range)}`}
      toolbar={toolbar}
    >
      {body}
    </DashboardShell>
  );
}
