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
import {
  formatChange,
  rankServices,
  servicesNeedingAttention,
  serviceTrouble,
} from "@/lib/charts/service-ranking";
import { formatLatency, formatPercent, rateUnitFor } from "@/lib/format/metrics";
import { useDashboardUrl } from "@/lib/hooks/use-dashboard-url";
import { useEndpoints } from "@/lib/hooks/use-endpoints";
import { useServices } from "@/lib/hooks/use-services";
import type { ServiceSummary } from "@/lib/model/endpoints";
import {
  endpointHref,
  nextSort,
  parseAutoRefresh,
  parseEndpointSort,
  parseServiceFilter,
  parseServiceOrder,
  SERVICE_ORDERS,
  type ServiceOrder,
  sectionHref,
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
  const order = parseServiceOrder(search);
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

  const allServices = useMemo(() => services.data?.services ?? [], [services.data]);
  const ranked = useMemo(() => rankServices(allServices, order), [allServices, order]);
  // One rate unit for the whole page, chosen over every service's and endpoint's rate.
  const rateUnit = useMemo(
    () =>
      rateUnitFor([
        ...allServices.map((s) => s.requestRate),
        ...(endpoints.data
          ? toEndpointRows(endpoints.data.endpoints, endpoints.data).map((row) => row.rate)
          : []),
      ]),
    [allServices, endpoints.data],
  );
  const shown = service === null ? ranked : ranked.filter((s) => s.service === service);

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
      <ServiceOrderSelect
        value={order}
        onChange={(next) =>
          replace(withParams(pathname, search, { order: next === "trouble" ? null : next }))
        }
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
      <EmptyPanel title={`Unknown service: ${service}`}>
        <p>
          No service named “{service}” sent a request in {describeTimeRangeInline(range)}. Pick a longer time
          range, or one of the services that did:
        </p>
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
          {allServices.map((known) => (
            <li key={known.service}>
              <a
                className="text-blue-700 underline dark:text-blue-400"
                href={sectionHref("/", search, known.service)}
              >
                {known.service}
              </a>
            </li>
          ))}
        </ul>
      </EmptyPanel>
    );
  } else {
    const hrefFor = (row: EndpointRow) =>
      endpointHref({ service: row.service, endpoint: row.endpoint }, search);
    body = (
      <div className="flex flex-col gap-4">
        {service === null ? <AttentionStrip services={allServices} /> : null}
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
            stepMs={services.data.stepMs}
            endMs={Math.min(services.data.to, services.dataUpdatedAt)}
            rateUnit={rateUnit}
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

const ORDER_LABELS: Record<ServiceOrder, string> = {
  trouble: "Trouble first",
  name: "Name",
  rate: "Request rate",
  errors: "Error rate",
  p95: "p95",
};

function ServiceOrderSelect({
  value,
  onChange,
}: {
  value: ServiceOrder;
  onChange: (order: ServiceOrder) => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="font-medium text-zinc-700 dark:text-zinc-300">Order</span>
      <select
        value={value}
        onChange={(event) => onChange(event.target.value as ServiceOrder)}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900"
      >
        {SERVICE_ORDERS.map((key) => (
          <option key={key} value={key}>
            {ORDER_LABELS[key]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The services worth a look right now, above everything else; nothing when all is well. */
function AttentionStrip({ services }: { services: readonly ServiceSummary[] }) {
  const troubled = servicesNeedingAttention(services);
  if (troubled.length === 0) return null;
  return (
    <section
      aria-label="Needs attention"
      className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm dark:border-red-900 dark:bg-red-950/40"
    >
      <h2 className="font-semibold text-red-800 dark:text-red-300">Needs attention</h2>
      <ul className="mt-1 flex flex-col gap-1">
        {troubled.map((summary) => {
          const trouble = serviceTrouble(summary);
          const what = [
            trouble.reasons.includes("errors") ? `${formatPercent(summary.errorRate)} errors` : null,
            trouble.reasons.includes("p95") ? `p95 ${formatLatency(summary.p95Ms)}` : null,
          ].filter(Boolean);
          const change = [
            trouble.errorRateChange !== null ? `errors ${formatChange(trouble.errorRateChange)}` : null,
            trouble.p95Change !== null ? `p95 ${formatChange(trouble.p95Change)}` : null,
          ].filter((text) => text !== null && !text.endsWith(" "));
          return (
            <li key={summary.service} className="flex flex-wrap gap-x-2 break-words">
              <a
                href={`#service-${encodeURIComponent(summary.service)}`}
                className="font-medium break-all text-red-900 underline dark:text-red-200"
              >
                {summary.service}
              </a>
              <span>{what.join(", ")}</span>
              {change.length > 0 ? (
                <span className="text-zinc-600 dark:text-zinc-400">({change.join(", ")})</span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
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
