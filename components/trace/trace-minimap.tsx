"use client";

import { type PointerEvent, useMemo, useRef, useState } from "react";
import { formatDuration } from "@/lib/format/duration";
import type { Millis } from "@/lib/model/units";
import type { SpanTree } from "@/lib/trace/span-tree";
import { spanDensity, type ZoomWindow, zoomBetween } from "@/lib/trace/zoom";
import { timelineInset, waterfallColumns } from "./waterfall-layout";

const buckets = 240;

interface TraceMinimapProps {
  tree: SpanTree;
  traceDurationMs: Millis;
  zoom: ZoomWindow | null;
  onZoom: (window: ZoomWindow | null) => void;
}

/** The whole trace's span density; drag across it to zoom the waterfall into that stretch. */
export function TraceMinimap({ tree, traceDurationMs, zoom, onZoom }: TraceMinimapProps) {
  const density = useMemo(() => spanDensity(tree, buckets), [tree]);
  const peak = useMemo(() => Math.max(1, ...density), [density]);
  const stripRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);

  const fraction = (event: PointerEvent<HTMLDivElement>) => {
    const rect = (stripRef.current as HTMLDivElement).getBoundingClientRect();
    return Math.min(1, Math.max(0, (event.clientX - rect.left) / Math.max(1, rect.width)));
  };

  const shown = drag
    ? { from: Math.min(drag.from, drag.to), to: Math.max(drag.from, drag.to) }
    : zoom && traceDurationMs > 0
      ? { from: zoom.fromMs / traceDurationMs, to: zoom.toMs / traceDurationMs }
      : null;

  let path = `M0 ${peak}`;
  for (let b = 0; b < buckets; b++)
    path += ` L${b} ${peak - (density[b] as number)} L${b + 1} ${peak - (density[b] as number)}`;
  path += ` L${buckets} ${peak} Z`;

  return (
    <div className={`${waterfallColumns} shrink-0 border-b border-zinc-200 py-1.5 dark:border-zinc-800`}>
      <div className="flex items-center gap-2 px-3 text-xs text-zinc-600 dark:text-zinc-400">
        {zoom ? (
          <>
            <span className="tabular-nums">
              Zoomed to {formatDuration(zoom.fromMs)} – {formatDuration(zoom.toMs)}
            </span>
            <button
              type="button"
              onClick={() => onZoom(null)}
              className="rounded border border-zinc-300 px-1.5 py-0.5 font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Reset zoom
            </button>
          </>
        ) : (
          <span>Drag across the minimap to zoom</span>
        )}
      </div>
      <div
        ref={stripRef}
        role="img"
        aria-label={`Minimap of span activity over the trace${zoom ? `, zoomed to ${formatDuration(zoom.fromMs)} – ${formatDuration(zoom.toMs)}` : ""}; drag across it to zoom`}
        data-testid="trace-minimap"
        className={`relative h-8 cursor-crosshair touch-none select-none ${timelineInset}`}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          const at = fraction(event);
          setDrag({ from: at, to: at });
        }}
        onPointerMove={(event) => {
          if (drag) setDrag({ from: drag.from, to: fraction(event) });
        }}
        onPointerUp={(event) => {
          if (!drag) return;
          const window = zoomBetween(drag.from, fraction(event), traceDurationMs);
          setDrag(null);
          if (window) onZoom(window);
        }}
      >
        <svg
          aria-hidden="true"
          viewBox={`0 0 ${buckets} ${peak}`}
          preserveAspectRatio="none"
          className="absolute inset-0 size-full text-zinc-300 dark:text-zinc-700"
        >
          <path d={path} fill="currentColor" />
        </svg>
        {shown ? (
          <div
            aria-hidden="true"
            className="absolute inset-y-0 border-x-2 border-blue-600 bg-blue-500/20"
            style={{ left: `${shown.from * 100}%`, width: `${(shown.to - shown.from) * 100}%` }}
          />
        ) : null}
      </div>
    </div>
  );
}
