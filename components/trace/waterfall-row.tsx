import { memo } from "react";
import { ServiceSwatch } from "@/components/trace/service-swatch";
import { formatDuration } from "@/lib/format/duration";
import type { Millis } from "@/lib/model/units";
import { serviceColor } from "@/lib/trace/service-colors";
import { Placement } from "@/lib/trace/span-tree";
import type { WaterfallRow } from "@/lib/trace/waterfall-rows";
import { indentPx, maxIndentDepth, rowHeightPx, timelineInset, waterfallColumns } from "./waterfall-layout";

interface WaterfallRowViewProps {
  row: WaterfallRow;
  rowIndex: number;
  /** the time window shown: its start (ms from the trace start) and length */
  viewStartMs: Millis;
  viewDurationMs: Millis;
  /** a zoom window is applied: bars outside it are clipped */
  zoomed: boolean;
  selected: boolean;
  /** on the critical path (shown while the critical path is on) */
  critical: boolean;
  /** time of the critical path spent in this span; null while the critical path is off */
  criticalMs: number | null;
  /** self time; null while the critical path is off */
  selfMs: number | null;
  /** matches the in-trace search */
  matched: boolean;
  /** clock looks skewed against the parent's */
  skewed: boolean;
  /** the one row reached by Tab (roving tabindex) */
  tabbable: boolean;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string, expand: boolean) => void;
}

/** One span: indented name column, then its bar on the shared time axis. */
export const WaterfallRowView = memo(function WaterfallRowView({
  row,
  rowIndex,
  viewStartMs,
  viewDurationMs,
  zoomed,
  selected,
  critical,
  criticalMs,
  selfMs,
  matched,
  skewed,
  tabbable,
  onSelect,
  onToggle,
}: WaterfallRowViewProps) {
  const { span, depth, childCount, collapsed } = row;
  const isError = span.status.code === "ERROR";
  const parentMissing = row.placement === Placement.ParentMissing;
  const duration = formatDuration(row.durationMs);
  const left = viewDurationMs > 0 ? ((row.offsetMs - viewStartMs) / viewDurationMs) * 100 : 0;
  const width = viewDurationMs > 0 ? (row.durationMs / viewDurationMs) * 100 : 0;
  // The label sits after the bar; a wide bar holds it inside, and near the right edge it goes
  // before the bar, where there is room for it.
  const labelPlace = left + width <= 70 ? "after" : width >= 15 ? "inside" : "before";

  const label = [
    span.name,
    span.service,
    duration,
    isError ? "error" : null,
    parentMissing ? "parent missing" : null,
    skewed ? "clock skew" : null,
    matched ? "matches search" : null,
    critical ? "on critical path" : null,
    selfMs !== null ? `self time ${formatDuration(selfMs as Millis)}` : null,
  ]
    .filter(Boolean)
    .join(", ");

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled once for all rows by the tree (TraceWaterfall)
    <div
      role="treeitem"
      aria-level={depth + 1}
      aria-selected={selected}
      aria-expanded={childCount > 0 ? !collapsed : undefined}
      aria-label={label}
      tabIndex={tabbable ? 0 : -1}
      data-span-id={span.spanId}
      data-row-index={rowIndex}
      data-status={isError ? "error" : undefined}
      data-critical={critical ? "true" : undefined}
      data-match={matched ? "true" : undefined}
      onClick={() => onSelect(span.spanId)}
      className={`${waterfallColumns} absolute inset-x-0 cursor-pointer border-l-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-inset ${
        selected
          ? "bg-blue-100 dark:bg-blue-900/50"
          : matched
            ? "bg-yellow-100 hover:bg-yellow-200 dark:bg-yellow-900/40 dark:hover:bg-yellow-900/60"
            : "hover:bg-zinc-50 dark:hover:bg-zinc-900"
      } ${isError ? "border-l-red-600" : "border-l-transparent"}`}
      style={{ top: rowIndex * rowHeightPx, height: rowHeightPx }}
    >
      <div className="flex min-w-0 items-center gap-1.5 pr-2 pl-2">
        <span
          aria-hidden="true"
          className="shrink-0"
          style={{ width: Math.min(depth, maxIndentDepth) * indentPx }}
        />
        {childCount > 0 ? (
          // Not a button: the row is the focus target; keyboard users use ArrowLeft/ArrowRight.
          <span
            aria-hidden="true"
            title={collapsed ? `Expand (${row.descendantCount} hidden)` : "Collapse"}
            onClick={(event) => {
              event.stopPropagation();
              onToggle(span.spanId, collapsed);
            }}
            className="flex size-4 shrink-0 items-center justify-center rounded text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-700"
          >
            <svg
              aria-hidden="true"
              viewBox="0 0 16 16"
              className={`size-3 transition-transform ${collapsed ? "" : "rotate-90"}`}
            >
              <path d="M6 3l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
          </span>
        ) : (
          <span aria-hidden="true" className="size-4 shrink-0" />
        )}
        <ServiceSwatch service={span.service} />
        <span
          className={`truncate ${isError ? "font-medium text-red-700 dark:text-red-400" : ""}`}
          title={span.name}
        >
          {span.name}
        </span>
        <span className="hidden shrink-0 truncate text-xs text-zinc-500 xl:inline dark:text-zinc-400">
          {span.service}
        </span>
        {isError && <ErrorMark message={span.status.message} />}
        {parentMissing && (
          <span
            className="shrink-0 rounded bg-amber-100 px-1 text-[11px] text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
            title={`Parent span ${span.parentSpanId ?? ""} is not in this trace`}
          >
            parent missing
          </span>
        )}
        {skewed && (
          <span
            className="shrink-0 rounded bg-purple-100 px-1 text-[11px] text-purple-900 dark:bg-purple-900/40 dark:text-purple-200"
            title="This span lies outside its parent on another service: the two hosts' clocks probably disagree"
          >
            clock skew
          </span>
        )}
        {collapsed && (
          <span className="shrink-0 rounded bg-zinc-200 px-1 text-[11px] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            +{row.descendantCount}
          </span>
        )}
      </div>
      <div className={`relative ${timelineInset} ${zoomed ? "overflow-hidden" : ""}`}>
        <div
          className={`absolute top-1/2 h-4 min-w-0.5 -translate-y-1/2 rounded-sm ${isError ? "ring-2 ring-red-600 ring-offset-1 ring-offset-white dark:ring-red-500 dark:ring-offset-zinc-950" : ""}`}
          style={{
            left: `${left}%`,
            width: `${width}%`,
            backgroundColor: serviceColor(span.service),
            opacity: criticalMs !== null && !critical ? 0.35 : undefined,
          }}
        />
        {critical ? (
          <div
            aria-hidden="true"
            className="absolute top-1/2 h-1.5 -translate-y-1/2 rounded-sm bg-orange-500 ring-1 ring-white dark:ring-zinc-950"
            style={{ left: `${left}%`, width: `max(2px, ${width}%)` }}
            title={`On the critical path for ${formatDuration(criticalMs as Millis)}`}
          />
        ) : null}
        <span
          className={`absolute top-1/2 -translate-y-1/2 px-1.5 text-xs leading-4 whitespace-nowrap tabular-nums ${
            labelPlace === "inside" ? "font-medium text-white" : "text-zinc-600 dark:text-zinc-300"
          }`}
          style={
            labelPlace === "after"
              ? { left: `${left + width}%` }
              : { right: `${100 - left - (labelPlace === "inside" ? width : 0)}%` }
          }
        >
          {duration}
          {selfMs !== null ? ` · self ${formatDuration(selfMs as Millis)}` : ""}
        </span>
      </div>
    </div>
  );
});

function ErrorMark({ message }: { message?: string }) {
  return (
    <span
      className="flex shrink-0 items-center gap-0.5 rounded bg-red-100 px-1 text-[11px] font-semibold text-red-800 dark:bg-red-950 dark:text-red-300"
      title={message ? `Error: ${message}` : "Error"}
    >
      <svg viewBox="0 0 16 16" className="size-3" aria-hidden="true">
        <circle cx="8" cy="8" r="7" fill="currentColor" />
        <path d="M8 4v5M8 11v1" stroke="white" strokeWidth="2" />
      </svg>
      error
    </span>
  );
}
