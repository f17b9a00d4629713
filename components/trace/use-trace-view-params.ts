"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * View toggles of the trace page kept in the URL beside `?span=`, so a pasted link opens the
 * same view: `?critical=1` (critical path shown), `?q=` (search inside the trace) and
 * `?zoom=from-to` (the waterfall's time window, ms from the trace start).
 */
export function useTraceViewParams() {
  const params = useSearchParams();
  const critical = params.get("critical") === "1";
  const query = params.get("q") ?? "";
  const zoomText = params.get("zoom");

  const setParam = useCallback((name: string, value: string | null) => {
    // The live query string, so other parameters (the selected span) survive.
    const next = new URLSearchParams(window.location.search);
    if (value === null || value === "") next.delete(name);
    else next.set(name, value);
    const search = next.toString();
    window.history.replaceState(
      null,
      "",
      search ? `${window.location.pathname}?${search}` : window.location.pathname,
    );
  }, []);

  const setCritical = useCallback((on: boolean) => setParam("critical", on ? "1" : null), [setParam]);
  const setQuery = useCallback((text: string) => setParam("q", text), [setParam]);
  const setZoomText = useCallback((text: string | null) => setParam("zoom", text), [setParam]);
  return { critical, query, zoomText, setCritical, setQuery, setZoomText };
}
