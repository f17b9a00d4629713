"use client";

import { AUTO_REFRESH_MS } from "@/lib/hooks/dashboard-query";

interface AutoRefreshToggleProps {
  enabled: boolean;
  /** false for a fixed (custom) range, whose data does not change */
  available: boolean;
  onChange: (enabled: boolean) => void;
  /** a request is in flight (first load or refresh) */
  fetching: boolean;
  /** when the data on screen was fetched (epoch ms), 0 if never */
  updatedAt: number;
}

const clock = new Intl.DateTimeFormat(undefined, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** A switch for refetching every 10 s, with when the numbers on screen were fetched. */
export function AutoRefreshToggle({
  enabled,
  available,
  onChange,
  fetching,
  updatedAt,
}: AutoRefreshToggleProps) {
  const seconds = AUTO_REFRESH_MS / 1000;
  const on = enabled && available;
  return (
    <div className="flex items-center gap-2 text-sm">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        disabled={!available}
        onClick={() => onChange(!enabled)}
        title={
          available ? `Refetch every ${seconds} seconds` : "A custom range is fixed: its data does not change"
        }
        className="group inline-flex items-center gap-2 rounded-md px-2 py-1.5 font-medium text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-60 disabled:hover:bg-transparent dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <span
          aria-hidden="true"
          className={`relative inline-flex h-4 w-7 shrink-0 rounded-full transition-colors ${on ? "bg-blue-600" : "bg-zinc-300 dark:bg-zinc-700"}`}
        >
          <span
            className={`absolute top-0.5 size-3 rounded-full bg-white shadow transition-transform ${on ? "translate-x-3.5" : "translate-x-0.5"}`}
          />
        </span>
        Auto-refresh {seconds}s
      </button>
      <span className="min-w-[7.5rem] text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
        {fetching ? (
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-blue-500" />
            Updating…
          </span>
        ) : updatedAt > 0 ? (
          `Updated ${clock.format(new Date(updatedAt))}`
        ) : null}
      </span>
    </div>
  );
}
