// The current page's URL state for dashboard components: parsed search parameters, and
// navigation that keeps the scroll position (a new sort should not jump to the top).
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useRef } from "react";
import { parseTimeRange } from "@/lib/url-state/time-range";

export function useDashboardUrl() {
  const readonlyParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const search = useMemo(() => new URLSearchParams(readonlyParams.toString()), [readonlyParams]);
  const range = useMemo(() => parseTimeRange(search), [search]);
  // The query of a navigation asked for but not rendered yet, with the rendered query it was made
  // from: two quick changes (a statistic, then a group-by) must build on each other, not both on
  // the last rendered URL. Once another query renders, the rendered one is the newest again.
  const pending = useRef<{ from: string; next: URLSearchParams } | null>(null);
  const rendered = readonlyParams.toString();
  const renderedRef = useRef(rendered);
  renderedRef.current = rendered;
  /** The newest query: the one of a navigation still on its way, else the rendered one. */
  const latestSearch = useCallback(
    () => (pending.current !== null && pending.current.from === rendered ? pending.current.next : search),
    [rendered, search],
  );

  /** A new view (time range, filter): a history entry, so Back returns to the previous one. */
  const push = useCallback(
    (href: string) => {
      pending.current = { from: renderedRef.current, next: queryOf(href) };
      router.push(href, { scroll: false });
    },
    [router],
  );
  /** A tweak of the same view (sort, refresh, picked bucket): no history entry. */
  const replace = useCallback(
    (href: string) => {
      pending.current = { from: renderedRef.current, next: queryOf(href) };
      router.replace(href, { scroll: false });
    },
    [router],
  );

  return { search, latestSearch, pathname, range, push, replace };
}

function queryOf(href: string): URLSearchParams {
  return new URL(href, "http://tracewell.local").searchParams;
}
