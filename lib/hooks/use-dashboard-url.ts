// The current page's URL state for dashboard components: parsed search parameters, and
// navigation that keeps the scroll position (a new sort should not jump to the top).
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseTimeRange } from "@/lib/url-state/time-range";

export function useDashboardUrl() {
  const readonlyParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const search = useMemo(() => new URLSearchParams(readonlyParams.toString()), [readonlyParams]);
  const range = useMemo(() => parseTimeRange(search), [search]);

  /** A new view (time range, filter): a history entry, so Back returns to the previous one. */
  const push = useCallback((href: string) => router.push(href, { scroll: false }), [router]);
  /** A tweak of the same view (sort, refresh, picked bucket): no history entry. */
  const replace = useCallback((href: string) => router.replace(href, { scroll: false }), [router]);

  return { search, pathname, range, push, replace };
}
