"use client";

import { type ReactNode, useMemo } from "react";
import {
  DashboardShell,
  EmptyPanel,
  ErrorPanel,
  InvalidLinkPanel,
} from "@/components/dashboard/dashboard-states";
import { DashboardToolbar } from "@/components/dashboard/dashboard-toolbar";
import { ServiceFilter } from "@/components/dashboard/service-filter";
import { ExporterSetup } from "@/components/home/exporter-setup";
import { OverviewSkeleton, ServiceSection } from "@/components/overview/service-section";
import {
  type EndpointRow,
  groupByService,
  sortEndpointRows,
  toEndpointRows,
} from "@/lib/charts/endpoint-table";
import { useDashboardUrl } from "@/lib/hooks/use-dashboard-url";
import { useEndpoints } from "@/lib/hooks/use-endpoints";
import { useServices } from "@/lib/hooks/use-services";
import {
  endpointHref,
  nextSort,
  parseAutoRefresh,
  parseEndpointSort,
  parseServiceFilter,
  withParams,
  withSort,
} from "@/lib/url-state/dashboard-url";
import { describeTimeRange, describeTimeRangeInline, type TimeRange } from "@/lib/url-state/time-range";

/** `/`: every service's rate, errors and latency, and its endpoints in a sortable table. */
export function ServicesOverview() {
  const { range, pathname } = useDashboardUrl();
  if (!range.ok) {
    return (
      <DashboardShell title="Services" toolbar={<DashboardToolbar />}>
        <InvalidLinkPanel
          message={range.error}
          fixHref={`${pathname}?range=1h`}
          fixLabel="Show the last hour"
        />
      </DashboardShell>
    );
  }
  return <OverviewContent range={range.value} />;
}

function OverviewContent({ range }: { range: TimeRange }) {
  const { search, pathname, push, replace } = useDashboardUrl();
  const service = parseServiceFilter(search);
  const sort = parseEndpointSort(search);
  const autoRefresh = parseAutoRefresh(search, range);
  const services = useServices(range, { autoRefresh });
  // All services' endpoints in one request, so switching the service filter is instant.
  const endpoints = useEndpoints(range, null, { autoRefresh });
  const rangeLabel = describeTimeRange(range);

  const rowsByService = useMemo(() => {
    if (!endpoints.data) return null;
    const rows = sortEndpointRows(toEndpointRows(endpoints.data.endpoints, endpoints.data), sort);
    return groupByService(rows);
  }, [endpoints.data, sort]);

  const allServices = services.data?.services ?? [];
  const shown = service === null ? allServices : allServices.filter((s) => s.service === service);

  const toolbar = (
    <DashboardToolbar
      status={{
        fetching: services.isFetching || endpoints.isFetching,
        updatedAt: Math.min(services.dataUpdatedAt, endpoints.dataUpdatedAt),
      }}
    >
      <ServiceFilter
        services={allServices.map((s) => s.service)}
        value={service}
        onChange={(next) => push(withParams(pathname, search, { service: next }))}
      />
    </DashboardToolbar>
  );

  let body: ReactNode;
  if (services.error && !services.data) {
    body = (
      <ErrorPanel
        title="Could not load services"
        error={services.error}
        onRetry={() => void services.refetch()}
        retrying={services.isFetching}
      />
    );
  } else if (!services.data) {
    body = <OverviewSkeleton />;
  } else if (allServices.length === 0) {
    body = <EmptyOverview rangeText={describeTimeRangeInline(range)} />;
  } else if (shown.length === 0) {
    body = (
      <EmptyPanel title={`No requests from ${service} in this range`}>
        <p>Pick another service or a longer time range.</p>
      </EmptyPanel>
    );
  } else {
    const hrefFor = (row: EndpointRow) =>
      endpointHref({ service: row.service, endpoint: row.endpoint }, search);
    body = (
      <div className="flex flex-col gap-4">
        {endpoints.error && !endpoints.data ? (
          <ErrorPanel
            title="Could not load endpoints"
            error={endpoints.error}
            onRetry={() => void endpoints.refetch()}
            retrying={endpoints.isFetching}
          />
        ) : null}
        {shown.map((summary) => (
          <ServiceSection
            key={summary.service}
            summary={summary}
            rows={rowsByService === null ? null : (rowsByService.get(summary.service) ?? [])}
            sort={sort}
            onSort={(key) => replace(withSort(pathname, search, nextSort(sort, key)))}
            hrefFor={hrefFor}
            rangeText={describeTimeRangeInline(range)}
          />
        ))}
        <details className="group rounded-lg border border-zinc-200 px-4 py-3 text-sm dark:border-zinc-800">
          <summary className="cursor-pointer rounded font-medium text-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-zinc-300">
            Send traces from another service
          </summary>
          <div className="mt-4">
            <ExporterSetup title="Point an exporter at Tracewell" />
          </div>
        </details>
      </div>
    );
  }

  return (
    <DashboardShell
      title="Services"
      subtitle={`Requests, errors and latency · ${rangeLabel}`}
      toolbar={toolbar}
    >
      {body}
    </DashboardShell>
  );
}

function EmptyOverview({ rangeText }: { rangeText: string }) {
  return (
    <div className="flex flex-col gap-8">
      <EmptyPanel title="No requests in this range">
        <p>
          No service reported a request in {rangeText}. Pick a longer time range, or send traces as shown
          below. To look at one trace, paste its id into <strong>Go to trace id</strong> at the top.
        </p>
      </EmptyPanel>
      <ExporterSetup />
    </div>
  );
}
