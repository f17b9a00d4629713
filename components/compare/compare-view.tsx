"use client";

import Link from "next/link";
import { type ReactNode, useId } from "react";
import { CompareTable } from "@/components/compare/compare-table";
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
import { ApiError } from "@/lib/hooks/fetch-api";
import { useCompare } from "@/lib/hooks/use-compare";
import { useDashboardUrl } from "@/lib/hooks/use-dashboard-url";
import { useServiceVersions } from "@/lib/hooks/use-service-versions";
import { useServices } from "@/lib/hooks/use-services";
import { type CompareQuery, parseCompareQuery, sideLabel } from "@/lib/url-state/compare-url";
import { parseAutoRefresh, sectionHref, withParams } from "@/lib/url-state/dashboard-url";
import { describeTimeRange, type TimeRange } from "@/lib/url-state/time-range";

const TITLE = "Compare versions";

/** `/compare`: a service's endpoints before and after — two versions, or two time ranges. */
export function CompareView() {
  const { search, pathname, range } = useDashboardUrl();
  const query = parseCompareQuery(search);
  if (!range.ok || !query.ok) {
    return (
      <DashboardShell title={TITLE} toolbar={<DashboardToolbar />}>
        <InvalidLinkPanel
          message={range.ok ? (query.ok ? "" : query.error) : range.error}
          fixHref={withParams(pathname, search, {
            range: "1h",
            from: null,
            to: null,
            baseline: null,
            candidate: null,
          })}
          fixLabel="Compare the newest two versions of the last hour"
        />
      </DashboardShell>
    );
  }
  return <CompareContent query={query.value} range={range.value} />;
}

function CompareContent({ query, range }: { query: CompareQuery; range: TimeRange }) {
  const { search, pathname, push } = useDashboardUrl();
  const autoRefresh = parseAutoRefresh(search, range);
  const services = useServices(range, { autoRefresh: false });
  const toolbar = (
    <DashboardToolbar>
      <ServiceFilter
        services={(services.data?.services ?? []).map((s) => s.service)}
        value={query.service}
        // another service has other versions: its own default sides
        onChange={(next) =>
          push(withParams(pathname, search, { service: next, baseline: null, candidate: null }))
        }
      />
    </DashboardToolbar>
  );
  return (
    <DashboardShell
      title={TITLE}
      subtitle={`${query.service ?? "Pick a service"} · ${describeTimeRange(range)}`}
      toolbar={toolbar}
    >
      {query.service === null ? (
        <EmptyPanel title="Pick a service">
          <p>
            Choose the service whose versions to compare. With no versions chosen, its newest{" "}
            <code>service.version</code> in the range is compared with the one before it.
          </p>
        </EmptyPanel>
      ) : (
        <Comparison query={{ ...query, service: query.service }} range={range} autoRefresh={autoRefresh} />
      )}
    </DashboardShell>
  );
}

function Comparison({
  query,
  range,
  autoRefresh,
}: {
  query: CompareQuery & { service: string };
  range: TimeRange;
  autoRefresh: boolean;
}) {
  const { search, pathname, push } = useDashboardUrl();
  const comparison = useCompare(query, range, { autoRefresh });
  const versions = useServiceVersions(query.service, range, { autoRefresh: false });
  const data = comparison.data;
  const versionSides = (versions.data?.versions ?? []).map((v) => `version:${v.version}`);
  const pick = (name: "baseline" | "candidate", side: string) =>
    push(
      withParams(pathname, search, {
        // the other side as shown, so the link names both
        baseline: name === "baseline" ? side : (query.baseline ?? data?.baseline ?? null),
        candidate: name === "candidate" ? side : (query.candidate ?? data?.candidate ?? null),
      }),
    );
  const sidePickers = (
    <div className="flex flex-wrap items-center gap-4">
      <SidePicker
        label="Baseline"
        value={query.baseline ?? data?.baseline ?? null}
        options={versionSides}
        onChange={(side) => pick("baseline", side)}
      />
      <SidePicker
        label="Candidate"
        value={query.candidate ?? data?.candidate ?? null}
        options={versionSides}
        onChange={(side) => pick("candidate", side)}
      />
    </div>
  );

  let body: ReactNode;
  if (comparison.error && !data) {
    body =
      comparison.error instanceof ApiError && comparison.error.kind === "bad-request" ? (
        <EmptyPanel title="Nothing to compare">
          <p>{comparison.error.message}</p>
          <p>
            <Link
              href={sectionHref("/", search, query.service)}
              className="text-blue-700 hover:underline dark:text-blue-400"
            >
              See {query.service} on the overview
            </Link>
          </p>
        </EmptyPanel>
      ) : (
        <ErrorPanel
          title="Could not compare"
          error={comparison.error}
          onRetry={() => void comparison.refetch()}
          retrying={comparison.isFetching}
        />
      );
  } else if (!data) {
    body = (
      <div role="status" aria-busy="true">
        <span className="sr-only">Loading the comparison…</span>
        <SkeletonBlock className="h-48" />
      </div>
    );
  } else if (data.endpoints.length === 0) {
    body = (
      <EmptyPanel title="No requests on either side">
        <p>
          Neither {sideLabel(data.baseline)} nor {sideLabel(data.candidate)} served {query.service}'s requests
          in this range.
        </p>
      </EmptyPanel>
    );
  } else {
    body = (
      <Panel
        title={`${sideLabel(data.baseline)} → ${sideLabel(data.candidate)}`}
        description="Each endpoint on both sides, the largest p95 change first. A change is significant when the two p95s' 95 % confidence intervals do not overlap and both sides have at least 30 requests."
      >
        <div className="-mx-4 -mb-4">
          <CompareTable endpoints={data.endpoints} service={query.service} search={search} />
        </div>
      </Panel>
    );
  }
  return (
    <>
      {sidePickers}
      {body}
    </>
  );
}

function SidePicker({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | null;
  options: readonly string[];
  onChange: (side: string) => void;
}) {
  const id = useId();
  // a side from the link that is not a version of this range (a time range) stays selectable
  const all = value !== null && !options.includes(value) ? [value, ...options] : options;
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      <select
        id={id}
        value={value ?? ""}
        disabled={all.length === 0}
        onChange={(event) => onChange(event.target.value)}
        className="max-w-[16rem] rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900"
      >
        {value === null ? <option value="">—</option> : null}
        {all.map((side) => (
          <option key={side} value={side}>
            {sideLabel(side)}
          </option>
        ))}
      </select>
    </div>
  );
}
