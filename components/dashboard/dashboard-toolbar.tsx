"use client";

import type { ReactNode } from "react";
import { AutoRefreshToggle } from "@/components/dashboard/auto-refresh-toggle";
import { TimeRangePicker } from "@/components/dashboard/time-range-picker";
import { CopyLinkButton } from "@/components/trace/copy-link-button";
import { useDashboardUrl } from "@/lib/hooks/use-dashboard-url";
import {
  pageHref,
  parseAutoRefresh,
  pinnedHref,
  withParams,
  withTimeRange,
} from "@/lib/url-state/dashboard-url";

interface DashboardToolbarProps {
  /** the state of the page's main query, for the refresh indicator */
  status?: { fetching: boolean; updatedAt: number };
  /** filters shown before the time range (e.g. the service select) */
  children?: ReactNode;
}

/**
 * The controls every dashboard page shares, all writing to the URL: time range, auto-refresh and
 * a link to this exact view.
 */
export function DashboardToolbar({ status, children }: DashboardToolbarProps) {
  const { search, pathname, range, push, replace } = useDashboardUrl();
  const current = range.ok ? range.value : null;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      {children}
      <TimeRangePicker range={current} onChange={(next) => push(withTimeRange(pathname, search, next))} />
      <AutoRefreshToggle
        enabled={current !== null && parseAutoRefresh(search, current)}
        available={current?.kind === "relative"}
        onChange={(enabled) => replace(withParams(pathname, search, { refresh: enabled ? null : "off" }))}
        fetching={status?.fetching ?? false}
        updatedAt={status?.updatedAt ?? 0}
      />
      <CopyLinkButton
        href={() => pinnedHref(pathname, search, Date.now())}
        title="A link to these exact minutes: it shows the same view tomorrow"
      />
      {current?.kind === "relative" ? (
        <CopyLinkButton
          href={pageHref(pathname, search)}
          label="Copy live link"
          title="A link to the latest minutes whenever it is opened"
        />
      ) : null}
    </div>
  );
}
