"use client";

import {
  type ReactNode,
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { DecodedTrace } from "@/lib/contracts/compact-trace";
import type { TraceResponse } from "@/lib/contracts/trace-schema";
import { useTrace } from "@/lib/hooks/use-trace";
import { findClockSkew } from "@/lib/trace/clock-skew";
import { computeCriticalPath, selfTimes } from "@/lib/trace/critical-path";
import { firstErrorSpanId } from "@/lib/trace/first-error";
import { findSpanMatches, stepMatch } from "@/lib/trace/span-search";
import { ancestorsOf, buildSpanTree } from "@/lib/trace/span-tree";
import { summarizeTrace } from "@/lib/trace/trace-summary";
import type { TraceSource } from "@/lib/trace/trace-url";
import { buildWaterfallRows, expandAncestors } from "@/lib/trace/waterfall-rows";
import { formatZoom, parseZoom, type ZoomWindow } from "@/lib/trace/zoom";
import { SpanDetails, UnknownSpanNotice } from "./span-details";
import { TraceHeader } from "./trace-header";
import { TraceMinimap } from "./trace-minimap";
import { TraceErrorState, TraceSkeleton } from "./trace-states";
import { TraceToolbar } from "./trace-toolbar";
import { TraceWaterfall, type WaterfallMarks } from "./trace-waterfall";
import { useSpanSelection } from "./use-span-selection";
import { useTraceViewParams } from "./use-trace-view-params";

interface TraceViewProps {
  /** the trace id the address names (the dashboard), or null when the source alone knows it (a share link) */
  traceId: string | null;
  /** where the spans come from (lib/trace/trace-url.ts): the trace API, or a public share link */
  source: TraceSource;
  /**
   * A public link's view: read-only, and nothing in it leads anywhere else in Tracewell (no pin,
   * share or compare, no endpoint or linked-trace links).
   */
  shared?: boolean;
  /** Replaces the dashboard's error screens (the share page explains revoked and unknown links). */
  renderError?: (error: Error, retry: () => void, retrying: boolean) => ReactNode;
}

/** The trace page body: loads the trace, then shows header, waterfall and span details. */
export function TraceView({ traceId, source, shared = false, renderError }: TraceViewProps) {
  const query = useTrace(source);
  // A failed background refetch keeps showing the trace already on screen.
  if (query.data) return <LoadedTrace trace={query.data} shared={shared} />;
  if (query.isError) {
    const retry = () => void query.refetch();
    if (renderError) return renderError(query.error, retry, query.isFetching);
    return (
      <TraceErrorState
        error={query.error}
        traceId={traceId ?? ""}
        onRetry={retry}
        retrying={query.isFetching}
      />
    );
  }
  return <TraceSkeleton />;
}

const nothingCollapsed: ReadonlySet<string> = new Set();

function LoadedTrace({ trace, shared }: { trace: DecodedTrace; shared: boolean }) {
  const traceId = trace.traceId;
  const tree = useMemo(
    () => buildSpanTree(trace.spans, trace.timing, trace.parentRows),
    [trace.spans, trace.timing, trace.parentRows],
  );
  const summary = useMemo(() => summarizeTrace(tree), [tree]);
  const { selectedSpanId, highlighted, select } = useSpanSelection();
  const [collapsed, setCollapsed] = useState(nothingCollapsed);

  // A trace opened without ?span= opens on its first error (status message and exception up
  // front), once: closing the details afterwards is respected.
  const openedOnError = useRef(false);
  useEffect(() => {
    if (openedOnError.current) return;
    openedOnError.current = true;
    if (selectedSpanId !== null) return;
    const first = firstErrorSpanId(tree);
    if (first !== null) select(first);
  }, [tree, selectedSpanId, select]);

  // A selection made elsewhere (a pasted link, a span link, the parent button) may sit under a
  // collapsed span: open its ancestors in the same render, before anything is painted.
  const [revealed, setRevealed] = useState(selectedSpanId);
  if (selectedSpanId !== revealed) {
    setRevealed(selectedSpanId);
    if (selectedSpanId !== null) {
      const opened = expandAncestors(tree, collapsed, selectedSpanId);
      if (opened !== collapsed) setCollapsed(opened);
    }
  }

  const waterfall = useMemo(() => buildWaterfallRows(tree, collapsed), [tree, collapsed]);

  const { critical, query, zoomText, setCritical, setQuery, setZoomText } = useTraceViewParams();
  const zoom = useMemo(() => parseZoom(zoomText, summary.durationMs), [zoomText, summary.durationMs]);
  const setZoom = useCallback(
    (window: ZoomWindow | null) => setZoomText(window ? formatZoom(window) : null),
    [setZoomText],
  );
  const deferredQuery = useDeferredValue(query);
  const skewed = useMemo(() => findClockSkew(tree), [tree]);
  // Computed only once the control is switched on, then kept for this trace.
  const criticalPath = useMemo(() => (critical ? computeCriticalPath(tree) : null), [tree, critical]);
  const self = useMemo(() => (critical ? selfTimes(tree) : null), [tree, critical]);
  const matches = useMemo(() => findSpanMatches(tree, deferredQuery), [tree, deferredQuery]);
  const marks = useMemo((): WaterfallMarks => {
    const matched = new Uint8Array(tree.spans.length);
    for (const i of matches) matched[i] = 1;
    return { criticalPath, self, matched, skewed };
  }, [tree, matches, criticalPath, self, skewed]);

  const selectedRef = useRef(selectedSpanId);
  useLayoutEffect(() => {
    selectedRef.current = selectedSpanId;
  });

  const toggle = useCallback(
    (spanId: string, expand: boolean) => {
      setCollapsed((previous) => {
        const next = new Set(previous);
        if (expand) next.delete(spanId);
        else next.add(spanId);
        return next;
      });
      // Collapsing the selected span's ancestor moves the selection up to the collapsed span.
      const selected = selectedRef.current;
      const collapsedIndex = tree.indexById.get(spanId);
      const selectedIndex = selected === null ? undefined : tree.indexById.get(selected);
      if (!expand && collapsedIndex !== undefined && selectedIndex !== undefined) {
        if (ancestorsOf(tree, selectedIndex).includes(collapsedIndex)) select(spanId);
      }
    },
    [tree, select],
  );

  const detailsRef = useRef<HTMLElement>(null);
  const closeDetails = useCallback(() => {
    const selected = selectedRef.current;
    const focusWasInDetails = detailsRef.current?.contains(document.activeElement) ?? false;
    select(null);
    // Hand focus back to the row so the keyboard user keeps their place in the list.
    if (focusWasInDetails && selected !== null) {
      document
        .querySelector<HTMLElement>(`[role="treeitem"][data-span-id="${CSS.escape(selected)}"]`)
        ?.focus();
    }
  }, [select]);

  useEffect(() => {
    if (selectedSpanId === null) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !event.defaultPrevented) closeDetails();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [selectedSpanId, closeDetails]);

  const selectedIndex = selectedSpanId === null ? undefined : tree.indexById.get(selectedSpanId);
  const matchPosition = selectedIndex === undefined ? 0 : matches.indexOf(selectedIndex) + 1;

  // Stepping selects the match: its collapsed ancestors open and the waterfall scrolls to it.
  const matchesRef = useRef(matches);
  matchesRef.current = matches;
  const step = useCallback(
    (direction: 1 | -1) => {
      const current = selectedRef.current === null ? undefined : tree.indexById.get(selectedRef.current);
      const target = stepMatch(matchesRef.current, current, direction);
      if (target !== null) select((tree.spans[target] as TraceResponse["spans"][number]).spanId);
    },
    [tree, select],
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <TraceHeader traceId={traceId} summary={summary} selectedSpanId={selectedSpanId} shared={shared} />
      {trace.omittedSpanCount ? (
        <p
          role="note"
          className="shrink-0 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200"
        >
          This trace has {(trace.spanCount ?? 0).toLocaleString("en-US")} spans: the page shows the first{" "}
          {trace.spans.length.toLocaleString("en-US")} by start time and leaves out the last{" "}
          {trace.omittedSpanCount.toLocaleString("en-US")} (the TRACE_PAGE_MAX_SPANS limit).
          {shared ? null : (
            <>
              {" "}
              Their spans are still stored and in <code>GET /api/traces/{traceId}</code>.
            </>
          )}
        </p>
      ) : null}
      <TraceToolbar
        traceId={traceId}
        critical={critical}
        onCriticalChange={setCritical}
        query={query}
        onQueryChange={setQuery}
        matchCount={matches.length}
        matchPosition={matchPosition}
        onStep={step}
        shared={shared}
      />
      <TraceMinimap tree={tree} traceDurationMs={summary.durationMs} zoom={zoom} onZoom={setZoom} />
      <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
        <TraceWaterfall
          waterfall={waterfall}
          marks={marks}
          traceDurationMs={summary.durationMs}
          zoom={zoom}
          selectedSpanId={selectedSpanId}
          highlighted={highlighted}
          onSelect={select}
          onToggle={toggle}
        />
        {selectedSpanId !== null ? (
          <aside
            ref={detailsRef}
            aria-label="Span details"
            className="h-1/2 shrink-0 overflow-auto border-t border-zinc-200 bg-zinc-50/60 lg:h-auto lg:w-[28rem] lg:border-t-0 lg:border-l dark:border-zinc-800 dark:bg-zinc-900/40"
          >
            {selectedIndex === undefined ? (
              <UnknownSpanNotice spanId={selectedSpanId} onClose={closeDetails} />
            ) : (
              <SpanDetails
                key={selectedSpanId}
                tree={tree}
                index={selectedIndex}
                traceId={traceId}
                onSelectSpan={select}
                onClose={closeDetails}
                shared={shared}
              />
            )}
          </aside>
        ) : null}
      </div>
    </div>
  );
}
