// Rollups come in two resolutions: endpoint_minutes and endpoint_ten_minutes. A window reads
// whole ten-minute blocks from the coarse table and only its edges from the fine one; both
// hold the same counts, so any window merges to the same answer with far fewer rows.
import { raw, type Sql, sql } from "@/lib/db/sql";

export interface TieredWindow {
  /** [from, to) in minutes since the epoch */
  from: number;
  to: number;
  /** [tensFrom, tensTo): the whole ten-minute blocks inside the window (empty when equal) */
  tensFrom: number;
  tensTo: number;
}

export function tierWindow(fromMinute: number, toMinute: number): TieredWindow {
  const tensFrom = Math.ceil(fromMinute / 10) * 10;
  const tensTo = Math.floor(toMinute / 10) * 10;
  if (tensFrom >= tensTo) return { from: fromMinute, to: toMinute, tensFrom: toMinute, tensTo: toMinute };
  return { from: fromMinute, to: toMinute, tensFrom, tensTo };
}

/** Columns a tiered read may select: both tier tables have them. */
const TIER_COLUMNS = [
  "service_name",
  "endpoint",
  "request_count",
  "error_count",
  "latency_histogram",
] as const;
export type TierColumn = (typeof TIER_COLUMNS)[number];

/**
 * The rollup rows covering a window exactly once, as a subquery: edges from endpoint_minutes, the
 * middle from endpoint_ten_minutes. `condition` further filters both (e.g. one service).
 */
export function tieredRollupRows(window: TieredWindow, columns: readonly TierColumn[], condition: Sql): Sql {
  for (const column of columns) {
    if (!TIER_COLUMNS.includes(column)) throw new Error(`${column} is not a rollup column`);
  }
  const list = raw(columns.join(", "));
  return sql`(
    SELECT ${list} FROM endpoint_minutes
    WHERE ((minute >= ${window.from} AND minute < ${window.tensFrom}) OR (minute >= ${window.tensTo} AND minute < ${window.to}))
      AND ${condition}
    UNION ALL
    SELECT ${list} FROM endpoint_ten_minutes
    WHERE minute >= ${window.tensFrom} AND minute < ${window.tensTo} AND ${condition}
  )`;
}
