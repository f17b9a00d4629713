// Rollups come in two resolutions: endpoint_minutes and endpoint_ten_minutes. A window reads
// whole ten-minute blocks from the coarse table and only its edges from the fine one; both
// hold the same counts, so any window merges to the same answer with far fewer rows.

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

/** Parameters $1..$4 of TIERED_ROWS, in order. */
export function tierParams(window: TieredWindow): number[] {
  return [window.from, window.to, window.tensFrom, window.tensTo];
}

/**
 * The rollup rows covering a window exactly once: edges from endpoint_minutes, the middle from
 * endpoint_ten_minutes. Use as a subquery; `extra` is a further condition on both (e.g. a service).
 */
export function tieredRows(columns: string, extra = "TRUE"): string {
  return `(
    SELECT ${columns} FROM endpoint_minutes
    WHERE ((minute >= $1 AND minute < $3) OR (minute >= $4 AND minute < $2)) AND ${extra}
    UNION ALL
    SELECT ${columns} FROM endpoint_ten_minutes
    WHERE minute >= $3 AND minute < $4 AND ${extra}
  )`;
}
