"use client";

import { type ReactNode, useMemo } from "react";
import { CacheLookupHelp } from "@/components/caches/cache-lookup-help";
import { CacheEndpointsTable, CacheSpansTable } from "@/components/caches/cache-tables";
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
import { useCaches } from "@/lib/hooks/use-caches";
import { useDashboardUrl } from "@/lib/hooks/use-dashboard-url";
import { useServices } from "@/lib/hooks/use-services";
import {
  endpointHref,
  parseAutoRefresh,
  parseServiceFilter,
  withParams,
} from "@/lib/url-state/dashboard-url";
import { describeTimeRange, type TimeRange } from "@/lib/url-state/time-range";

/** `/caches`: endpoints ranked by cache misses, and the cache spans (names, systems) involved. */
export function CachesView() {
  const { range, pathname } = useDashboardUrl();
  if (!range.ok) {
    return (
      <DashboardShell title="Caches" toolbar={<DashboardToolbar />}>
        <InvalidLinkPanel
          message={range.error}
          fixHref={`${pathname}?range=1h`}
          fixLabel="Show the last hour"
        />
      </DashboardShell>
    );
  }
  return <CachesContent range={range.value} />;
}

function CachesContent({ range }: { range: TimeRange }) {
  const { search, pathname, push } = useDashboardUrl();
  const service = parseServiceFilter(search);
  const autoRefresh = parseAutoRefresh(search, range);
  // Every service's caches in one request; the filter narrows on screen, instantly.
  const caches = useCaches(range, null, { autoRefresh });
  const services = useServices(range, { autoRefresh });
  const rangeLabel = describeTimeRange(range);

  const shown = useMemo(() => {
    if (!caches.data) return null;
    const keep = (entry: { service: string }) => service === null || entry.service === service;
    return { endpoints: caches.data.endpoints.filter(keep), caches: caches.data.caches.filter(keep) };
  }, [caches.data, service]);

  const toolbar = (
    <DashboardToolbar status={{ fetching: caches.isFetching, updatedAt: caches.dataUpdatedAt }}>
      <ServiceFilter
        services={(services.data?.services ?? []).map((s) => s.service)}
        value={service}
        onChange={(next) => push(withParams(pathname, search, { service: next }))}
      />
    </DashboardToolbar>
  );

  let body: ReactNode;
  if (caches.error && !caches.data) {
    body = (
      <ErrorPanel
        title="Could not load caches"
        error={caches.error}
        onRetry={() => void caches.refetch()}
        retrying={caches.isFetching}
      />
    );
  } else if (!shown) {
    body = (
      <div role="status" aria-busy="true" className="flex flex-col gap-4">
        <span className="sr-only">Loading caches…</span>
        <SkeletonBlock className="h-48" />
        <SkeletonBlock className="h-32" />
      </div>
    );
  } else if (shown.endpoints.length === 0 && shown.caches.length === 0) {
    body = (
      <EmptyPanel
        title={service ? `No cache lookups by ${service} in this range` : "No cache lookups in this range"}
      >
        <p>
          <CacheLookupHelp /> Instrument your cache client, or pick a longer time range.
        </p>
      </EmptyPanel>
    );
  } else {
    body = (
      <div className="flex flex-col gap-4">
        <Panel
          title="Endpoints by cache misses"
          description="Most misses first; open one to see its hit ratio over time"
        >
          {shown.endpoints.length > 0 ? (
            <div className="-mx-4 -mb-4">
              <CacheEndpointsTable
                endpoints={shown.endpoints}
                hrefFor={(entry) =>
                  endpointHref({ service: entry.service, endpoint: entry.endpoint }, search)
                }
              />
            </div>
          ) : (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">No endpoint made a cache lookup.</p>
          )}
        </Panel>
        <Panel title="Caches involved" description="Cache spans by name and system (db.system)">
          {shown.caches.length > 0 ? (
            <div className="-mx-4 -mb-4">
              <CacheSpansTable caches={shown.caches} />
            </div>
          ) : (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">No cache spans.</p>
          )}
        </Panel>
      </div>
    );
  }

  return (
    <DashboardShell title="Caches" subtitle={`Cache hits and misses · ${rangeLabel}`} toolbar={toolbar}>
      {body}
    </DashboardShell>
  );
}
