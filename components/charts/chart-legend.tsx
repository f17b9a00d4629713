import type { SeriesConfig } from "@/lib/charts/chart-config";

/** Which colour is which series; decorative for screen readers, which get the tooltip table. */
export function ChartLegend({ items }: { items: readonly SeriesConfig[] }) {
  return (
    <ul className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="inline-block h-0.5 w-3 rounded"
            style={{ backgroundColor: item.color }}
          />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
