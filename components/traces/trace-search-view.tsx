"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import {
  DashboardShell,
  EmptyPanel,
  ErrorPanel,
  InvalidLinkPanel,
  Panel,
  SkeletonBlock,
} from "@/components/dashboard/dashboard-states";
import { DashboardToolbar } from "@/components/dashboard/dashboard-toolbar";
import { TimeRangePicker } from "@/components/dashboard/time-range-picker";
import { SlowSpansPanel } from "@/components/spans/slow-spans-panel";
import { CopyLinkButton } from "@/components/trace/copy-link-button";
import { TraceResultsTable } from "@/components/traces/trace-results-table";
import { TraceScatterChart } from "@/components/traces/trace-scatter-chart";
import { TraceSearchForm } from "@/components/traces/trace-search-form";
import { toTracePoints } from "@/lib/charts/trace-scatter";
import { useAttributeKeys } from "@/lib/hooks/use-attribute-keys";
import { useDashboardUrl } from "@/lib/hooks/use-dashboard-url";
import { useEndpoints } from "@/lib/hooks/use-endpoints";
import { useServices } from "@/lib/hooks/use-services";
import { useTraceSearch } from "@/lib/hooks/use-trace-search";
import { traceHref } from "@/lib/trace/trace-url";
import { pageHref, withParams, withTimeRange } from "@/lib/url-state/dashboard-url";
import { describeTimeRange, type TimeRange } from "@/lib/url-state/time-range";
import {
  parseTraceSearchFilters,
  type TraceSearchFilters,
  withFilters,
} from "@/lib/url-state/trace-search-url";

/** `/traces?service=…&endpoint=…&attr=k%3Dv&minDurationMs=…&status=error&sort=duration&range=1h`. */
export function TraceSearchView() {
  const { search, pathname, range } = useDashboardUrl();
  if (!range.ok) {
    return (
      <DashboardShell title="Traces" toolbar={<DashboardToolbar />}>
        <InvalidLinkPanel
          message={range.error}
          fixHref={withParams(pathname, search, { range: "1h", from: null, to: null })}
          fixLabel="Search the last hour"
        />
      </DashboardShell>
    );
  }
  return <TraceSearchContent range={range.value} />;
}

function TraceSearchContent({ range }: { range: TimeRange }) {
  const router = useRouter();
  const { search, pathname, push, replace } = useDashboardUrl();
  const query = search.toString();
  const filters = useMemo(() => parseTraceSearchFilters(new URLSearchParams(query)), [query]);
  const [serviceDraft, setServiceDraft] = useState<string | null>(filters.service);

  const results = useTraceSearch(filters, range);
  const services = useServices(range, { autoRefresh: false });
  const endpoints = useEndpoints(range, serviceDraft, { autoRefresh: false });
  const attributeKeys = useAttributeKeys(range, serviceDraft);
  const suggestions = {
    services: services.data?.services.map((s) => s.service) ?? [],
    endpoints: [...new Set(endpoints.data?.endpoints.map((e) => e.endpoint) ?? [])],
    attributeKeys: attributeKeys.data?.keys ?? [],
  };

  const pages = results.data?.pages ?? [];
  const traces = useMemo(() => pages.flatMap((page) => page.traces), [pages]);
  const first = pages[0];
  const points = useMemo(() => toTracePoints(traces), [traces]);

  const onSearch = (next: TraceSearchFilters) => push(withFilters(pathname, search, next));
  const onSort = (sort: TraceSearchFilters["sort"]) =>
    replace(withFilters(pathname, search, { ...filters, sort }));

  return (
    <DashboardShell
      title="Traces"
      subtitle={`Search by service, endpoint, span, attribute, duration and status · ${describeTimeRange(range)}`}
      toolbar={
        // No auto-refresh: a result list that reshuffles while being read (or paged) helps nobody.
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <TimeRangePicker range={range} onChange={(next) => push(withTimeRange(pathname, search, next))} />
          <CopyLinkButton href={pageHref(pathname, search)} />
        </div>
      }
    >
      <Panel title="Filters">
        <TraceSearchForm
          filters={filters}
          suggestions={suggestions}
          onSearch={onSearch}
          onServiceDraft={setServiceDraft}
        />
      </Panel>

      {results.error && !first ? (
        <ErrorPanel
          title="The search failed"
          error={results.error}
          onRetry={() => void results.refetch()}
          retrying={results.isFetching}
        />
      ) : !first ? (
        <Panel title="Results">
          <div role="status" aria-busy="true" className="flex flex-col gap-2">
            <span className="sr-only">Searching…</span>
            <SkeletonBlock className="h-48" />
            <SkeletonBlock className="h-24" />
          </div>
        </Panel>
      ) : traces.length === 0 ? (
        <EmptyPanel title="No traces match">
          <p>No trace in this time range matches every filter. Widen the time range or remove a filter.</p>
        </EmptyPanel>
      ) : (
        <>
          <Panel
            title="Duration over time"
            description={`The ${traces.length.toLocaleString("en-US")} traces listed below; click a dot to open its trace. Red: with errors.`}
          >
            <TraceScatterChart
              points={points}
              window={first.window}
              onOpen={(traceId) => router.push(traceHref(traceId))}
            />
          </Panel>
          <Panel
            title="Results"
            description={
              <span aria-live="polite">
                {first.totalIsLowerBound ? "More than " : ""}
                {first.total.toLocaleString("en-US")} matching trace{first.total === 1 ? "" : "s"}; showing{" "}
                {traces.length.toLocaleString("en-US")}, sorted over all matches.
              </span>
            }
          >
            <TraceResultsTable traces={traces} sort={filters.sort} onSort={onSort} />
            {results.hasNextPage ? (
              <div>
                <button
                  type="button"
                  onClick={() => void results.fetchNextPage()}
                  disabled={results.isFetchingNextPage}
                  className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:cursor-wait disabled:opacity-70 dark:border-zinc-700 dark:hover:bg-zinc-800"
                >
                  {results.isFetchingNextPage ? "Loading…" : "Load more"}
                </button>
              </div>
            ) : null}
          </Panel>
        </>
      )}

      {filters.service ? (
        <SlowSpansPanel service={filters.service} endpoint={filters.endpoint} range={range} />
      ) : null}
    </DashboardShell>
  );
}
