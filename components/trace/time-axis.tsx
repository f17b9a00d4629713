import { formatDuration } from "@/lib/format/duration";
import type { Millis } from "@/lib/model/units";
import { timeTicks } from "@/lib/trace/time-ticks";
import { axisHeightPx, timelineInset, waterfallColumns } from "./waterfall-layout";

/** The waterfall's sticky header: column title and tick labels over the timeline. */
export function TimeAxis({ durationMs, fromMs = 0 as Millis }: { durationMs: Millis; fromMs?: Millis }) {
  const ticks = timeTicks(durationMs);
  return (
    <div
      aria-hidden="true"
      className={`${waterfallColumns} sticky top-0 z-20 border-b border-zinc-200 bg-white text-xs text-zinc-500 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-400`}
      style={{ height: axisHeightPx }}
    >
      <div className="flex items-center px-3 font-medium">Service &amp; operation</div>
      <div className={`relative ${timelineInset}`}>
        {ticks.map((tick, k) => {
          const left = durationMs > 0 ? (tick / durationMs) * 100 : 0;
          const last = k === ticks.length - 1 && ticks.length > 1;
          // A phone's timeline has room for every other label: the first, the last and the even
          // ones not crowding the last.
          const onPhone = k === 0 || last || (k % 2 === 0 && k < ticks.length - 2);
          return (
            <span
              key={tick}
              className={`absolute top-0 flex h-full items-center border-l border-zinc-300 pl-1 tabular-nums dark:border-zinc-700 ${last ? "-translate-x-full border-r border-l-0 pr-1 pl-0" : ""} ${onPhone ? "" : "max-sm:hidden"}`}
              style={{ left: `${left}%` }}
            >
              {tick + fromMs === 0 ? "0" : formatDuration((tick + fromMs) as Millis)}
            </span>
          );
        })}
      </div>
    </div>
  );
}

/** Faint vertical lines at the tick positions, drawn behind the rows. */
export function TimeGrid({ durationMs }: { durationMs: Millis }) {
  const ticks = timeTicks(durationMs);
  return (
    <div aria-hidden="true" className={`${waterfallColumns} pointer-events-none absolute inset-0`}>
      <div />
      <div className={`relative ${timelineInset}`}>
        {ticks.map((tick) => (
          <span
            key={tick}
            className="absolute inset-y-0 border-l border-zinc-100 dark:border-zinc-800/70"
            style={{ left: `${durationMs > 0 ? (tick / durationMs) * 100 : 0}%` }}
          />
        ))}
      </div>
    </div>
  );
}
