"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

/**
 * The selected span lives in the URL (`?span={spanId}`) so a pasted link opens the same view.
 * Native history.replaceState is integrated with the App Router (useSearchParams follows it), so
 * a click or arrow key updates the address without a server round trip.
 */
export function useSpanSelection() {
  const params = useSearchParams();
  const selectedSpanId = params.get("span");
  // `?highlight=id,id`: spans an insight points at (GET /api/insights examples), marked in the waterfall
  const highlightParam = params.get("highlight");
  const highlighted = useMemo(
    (): ReadonlySet<string> => new Set(highlightParam ? highlightParam.split(",").filter(Boolean) : []),
    [highlightParam],
  );

  const select = useCallback((spanId: string | null) => {
    // Read the live query string so other parameters survive and `select` stays stable.
    const params = new URLSearchParams(window.location.search);
    if (spanId === null) params.delete("span");
    else params.set("span", spanId);
    const query = params.toString();
    // null state, as Next.js documents: it then records the change and updates useSearchParams.
    window.history.replaceState(
      null,
      "",
      query ? `${window.location.pathname}?${query}` : window.location.pathname,
    );
  }, []);

  return { selectedSpanId, highlighted, select };
}
