// What every dashboard query shares: the auto-refresh period, and keeping the last answer on
// screen while the next one loads, so a refresh or a new time range never blanks the charts.
import type { Query } from "@tanstack/react-query";
import { retryTransient } from "@/lib/hooks/fetch-api";
import { type TimeRange, timeRangeKey } from "@/lib/url-state/time-range";

export const AUTO_REFRESH_MS = 10_000;

export interface DashboardQueryOptions {
  /** refetch every AUTO_REFRESH_MS (for ranges that end now) */
  autoRefresh: boolean;
}

/**
 * Keys are [resource, subject, range]: the subject is what the data is about (a service, an
 * endpoint). A relative range keeps one key while "now" moves on, so a refresh replaces the data
 * in place.
 */
export function dashboardQueryKey(resource: string, subject: string, range: TimeRange) {
  return [resource, subject, timeRangeKey(range)] as const;
}

export function dashboardQueryOptions<T>(subject: string, { autoRefresh }: DashboardQueryOptions) {
  return {
    refetchInterval: autoRefresh ? AUTO_REFRESH_MS : (false as const),
    // A hidden tab has nobody to show fresh numbers to.
    refetchIntervalInBackground: false,
    // Another range of the same subject: show the old numbers until the new ones arrive. Another
    // subject (a different endpoint): show a skeleton, not someone else's data.
    placeholderData: (
      previous: T | undefined,
      previousQuery: Query<T, Error, T, readonly unknown[]> | undefined,
    ) => (previousQuery?.queryKey[1] === subject ? previous : undefined),
    retry: retryTransient,
  };
}
