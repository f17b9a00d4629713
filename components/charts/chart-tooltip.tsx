import type { SeriesConfig } from "@/lib/charts/chart-config";
import { formatBucket } from "@/lib/charts/time-axis";
import { NO_VALUE } from "@/lib/format/metrics";

interface ChartTooltipProps<Row> {
  active: boolean;
  /** Recharts' tooltip payload: one entry per series, each carrying the whole row */
  payload: ReadonlyArray<{ payload?: unknown }> | undefined;
  series: readonly { key: keyof Row & string; config: SeriesConfig }[];
  bucketMs: number;
  formatValue: (value: number) => string;
  hint?: string;
}

/** The hover card: the bucket's time span, then every series' value ("—" where there was none). */
export function ChartTooltip<Row extends { t: number }>({
  active,
  payload,
  series,
  bucketMs,
  formatValue,
  hint,
}: ChartTooltipProps<Row>) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <p className="mb-1 font-medium text-zinc-900 dark:text-zinc-100">{formatBucket(row.t, bucketMs)}</p>
      <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-0.5">
        {series.map(({ key, config }) => {
          const value = row[key];
          return (
            <div key={key} className="contents">
              <dt className="flex items-center gap-1.5 text-zinc-600 dark:text-zinc-400">
                <span
                  aria-hidden="true"
                  className="inline-block size-2 rounded-full"
                  style={{ backgroundColor: config.color }}
                />
                {config.label}
              </dt>
              <dd className="text-right font-medium tabular-nums text-zinc-900 dark:text-zinc-100">
                {typeof value === "number" ? formatValue(value) : NO_VALUE}
              </dd>
            </div>
          );
        })}
      </dl>
      {hint ? <p className="mt-1 text-zinc-500 dark:text-zinc-400">{hint}</p> : null}
    </div>
  );
}
