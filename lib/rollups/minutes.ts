// Rollup rows are keyed by minutes since the epoch; the API speaks epoch milliseconds.
export const NANOS_PER_MINUTE = 60_000_000_000n;
const MS_PER_MINUTE = 60_000;

export function msToMinute(ms: number): number {
  return Math.floor(ms / MS_PER_MINUTE);
}

export function minuteToMs(minute: number): number {
  return minute * MS_PER_MINUTE;
}
