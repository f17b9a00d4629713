"use client";

import Link from "next/link";
import {
  DashboardShell,
  EmptyPanel,
  ErrorPanel,
  Panel,
  SkeletonBlock,
} from "@/components/dashboard/dashboard-states";
import { formatDuration } from "@/lib/format/duration";
import { formatStartTime } from "@/lib/format/timestamp";
import { usePins } from "@/lib/hooks/use-pins";
import type { Millis } from "@/lib/model/units";
import { traceHref } from "@/lib/trace/trace-url";

/** `/pinned`: every pinned trace with its note, who pinned it and when; kept past retention. */
export function PinnedList() {
  const { data, error, isFetching, refetch } = usePins();
  return (
    <DashboardShell
      title="Pinned traces"
      subtitle="Kept past the span retention window until unpinned (on the trace's page)."
    >
      {error && !data ? (
        <ErrorPanel
          title="Could not load the pinned traces"
          error={error}
          onRetry={() => void refetch()}
          retrying={isFetching}
        />
      ) : !data ? (
        <SkeletonBlock className="h-40" />
      ) : data.pins.length === 0 ? (
        <EmptyPanel title="No pinned traces">
          <p>
            Open a trace and press “Pin” in its header to keep it, with a note, past the retention window.
          </p>
        </EmptyPanel>
      ) : (
        <Panel
          title={`${data.pins.length} pinned trace${data.pins.length === 1 ? "" : "s"}`}
          description="Most recently pinned first."
        >
          <ul className="flex flex-col divide-y divide-zinc-100 dark:divide-zinc-800">
            {data.pins.map((pin) => (
              <li key={pin.traceId} className="flex flex-col gap-0.5 py-2">
                <Link
                  href={traceHref(pin.traceId)}
                  className="font-medium break-words text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400"
                >
                  {pin.rootName ?? `trace ${pin.traceId}`}
                </Link>
                {pin.note ? <p className="break-words whitespace-pre-wrap">{pin.note}</p> : null}
                <p className="text-xs break-words text-zinc-500 dark:text-zinc-400">
                  {pin.rootService ?? "root not received"} · {formatDuration(pin.durationMs as Millis)} ·{" "}
                  {pin.spanCount} spans
                  {pin.errorCount > 0 ? ` · ${pin.errorCount} errors` : ""} · started{" "}
                  {formatStartTime(pin.startTimeUnixNano)} · pinned by {pin.pinnedBy} on{" "}
                  {new Date(pin.pinnedAt).toLocaleString()}
                </p>
              </li>
            ))}
          </ul>
        </Panel>
      )}
    </DashboardShell>
  );
}
