"use client";

import { type KeyboardEvent, useCallback, useLayoutEffect, useRef, useState } from "react";
import { TimeAxis, TimeGrid } from "@/components/trace/time-axis";
import { WaterfallRowView } from "@/components/trace/waterfall-row";
import type { Millis } from "@/lib/model/units";
import type { CriticalPath } from "@/lib/trace/critical-path";
import type { WaterfallRows } from "@/lib/trace/waterfall-rows";
import type { ZoomWindow } from "@/lib/trace/zoom";
import { axisHeightPx, overscanRows, rowHeightPx, windowingThreshold } from "./waterfall-layout";

/** Per-span highlights, indexed like tree.spans. */
export interface WaterfallMarks {
  criticalPath: CriticalPath | null;
  /** self time in nanoseconds, with the critical path */
  self: Float64Array | null;
  /** 1 for spans matching the in-trace search */
  matched: Uint8Array;
  /** 1 for spans whose clock looks skewed against their parent's */
  skewed: Uint8Array;
}

interface TraceWaterfallProps {
  waterfall: WaterfallRows;
  marks: WaterfallMarks;
  traceDurationMs: Millis;
  /** the time window shown, ms from the trace start; null: the whole trace */
  zoom: ZoomWindow | null;
  selectedSpanId: string | null;
  /** spans to mark (`?highlight=`): an insight's offending spans */
  highlighted?: ReadonlySet<string>;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string, expand: boolean) => void;
}

type ScrollMode = "center" | "nearest";

/**
 * The span list as an ARIA tree. Rows have a fixed height, so above `windowingThreshold` rows
 * only those in view are rendered and the DOM stays small whatever the trace size.
 */
export function TraceWaterfall({
  waterfall,
  marks,
  traceDurationMs,
  zoom,
  selectedSpanId,
  highlighted,
  onSelect,
  onToggle,
}: TraceWaterfallProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(800);
  const pendingFocus = useRef<number | null>(null);
  // A span selected before the first paint came from a pasted link: bring it to the middle.
  const centerNextScroll = useRef(selectedSpanId !== null);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    observer.observe(element);
    setViewportHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  const scrollRowIntoView = useCallback((index: number, mode: ScrollMode) => {
    const element = scrollRef.current;
    if (!element) return;
    const top = axisHeightPx + index * rowHeightPx;
    const bottom = top + rowHeightPx;
    const height = element.clientHeight;
    let target = element.scrollTop;
    if (mode === "center") target = top - (height + axisHeightPx - rowHeightPx) / 2;
    else if (top < element.scrollTop + axisHeightPx) target = top - axisHeightPx;
    else if (bottom > element.scrollTop + height) target = bottom - height;
    element.scrollTop = Math.max(0, target);
    // Render the new window in this same commit rather than after the scroll event.
    setScrollTop(element.scrollTop);
  }, []);

  const selectedRow = selectedSpanId === null ? undefined : waterfall.rowOf(selectedSpanId);
  const selectedRowRef = useRef(selectedRow);
  selectedRowRef.current = selectedRow;
  const selectedRowShown = selectedRow !== undefined;

  // Follow the selection, whatever changed it (click, keys, the URL); re-running on
  // `selectedRowShown` catches a span whose collapsed ancestors were just opened.
  useLayoutEffect(() => {
    const index = selectedRowRef.current;
    if (selectedSpanId === null || !selectedRowShown || index === undefined) return;
    scrollRowIntoView(index, centerNextScroll.current ? "center" : "nearest");
    centerNextScroll.current = false;
  }, [selectedSpanId, selectedRowShown, scrollRowIntoView]);

  // After keyboard navigation, focus the new row once it is rendered.
  useLayoutEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`);
    if (element) {
      element.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const windowed = waterfall.length > windowingThreshold;
  const first = windowed
    ? Math.max(0, Math.floor((scrollTop - axisHeightPx) / rowHeightPx) - overscanRows)
    : 0;
  const last = windowed
    ? Math.min(waterfall.length, Math.ceil((scrollTop + viewportHeight) / rowHeightPx) + overscanRows)
    : waterfall.length;
  const tabbableIndex =
    selectedRow !== undefined && selectedRow >= first && selectedRow < last ? selectedRow : first;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const focusedRow = (event.target as HTMLElement).closest<HTMLElement>("[data-row-index]");
    const current = focusedRow ? Number(focusedRow.dataset.rowIndex) : (selectedRow ?? -1);
    const row = waterfall.row(current);
    const page = Math.max(1, Math.floor((viewportHeight - axisHeightPx) / rowHeightPx) - 1);
    let next: number | null = null;
    switch (event.key) {
      case "ArrowDown":
        next = Math.min(waterfall.length - 1, current + 1);
        break;
      case "ArrowUp":
        next = Math.max(0, current - 1);
        break;
      case "PageDown":
        next = Math.min(waterfall.length - 1, current + page);
        break;
      case "PageUp":
        next = Math.max(0, current - page);
        break;
      case "Home":
        next = 0;
        break;
      case "End":
        next = waterfall.length - 1;
        break;
      case "ArrowRight":
        if (!row || row.childCount === 0) return;
        if (row.collapsed) onToggle(row.span.spanId, true);
        else next = current + 1;
        break;
      case "ArrowLeft": {
        if (!row) return;
        if (row.childCount > 0 && !row.collapsed) {
          onToggle(row.span.spanId, false);
          break;
        }
        const parentRow = row.span.parentSpanId === null ? undefined : waterfall.rowOf(row.span.parentSpanId);
        if (parentRow === undefined || row.depth === 0) return;
        next = parentRow;
        break;
      }
      case "Enter":
      case " ":
        if (!row) return;
        onSelect(row.span.spanId);
        break;
      default:
        return;
    }
    event.preventDefault();
    const target = next === null ? undefined : waterfall.row(next);
    if (next === null || target === undefined) return;
    pendingFocus.current = next;
    onSelect(target.span.spanId);
    scrollRowIntoView(next, "nearest");
  };

  const viewStartMs = zoom ? zoom.fromMs : (0 as Millis);
  const viewDurationMs = zoom ? ((zoom.toMs - zoom.fromMs) as Millis) : traceDurationMs;
  const rendered = [];
  for (let i = first; i < last; i++) {
    const row = waterfall.row(i);
    if (!row) continue;
    rendered.push(
      <WaterfallRowView
        key={`${row.index}`}
        row={row}
        rowIndex={i}
        viewStartMs={viewStartMs}
        viewDurationMs={viewDurationMs}
        zoomed={zoom !== null}
        selected={i === selectedRow}
        critical={marks.criticalPath?.onPath[row.index] === 1}
        criticalMs={marks.criticalPath ? (marks.criticalPath.criticalNs[row.index] as number) / 1e6 : null}
        selfMs={marks.self ? (marks.self[row.index] as number) / 1e6 : null}
        matched={marks.matched[row.index] === 1}
        skewed={marks.skewed[row.index] === 1}
        highlighted={highlighted?.has(row.span.spanId) ?? false}
        tabbable={i === tabbableIndex}
        onSelect={onSelect}
        onToggle={onToggle}
      />,
    );
  }

  return (
    <div
      ref={scrollRef}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      className="relative min-h-0 min-w-0 flex-1 overflow-auto"
    >
      <TimeAxis durationMs={viewDurationMs} fromMs={viewStartMs} />
      <div
        role="tree"
        aria-label="Spans, nested under their parents"
        onKeyDown={onKeyDown}
        className="relative outline-none"
        style={{ height: waterfall.length * rowHeightPx }}
      >
        <TimeGrid durationMs={viewDurationMs} />
        {rendered}
      </div>
    </div>
  );
}
