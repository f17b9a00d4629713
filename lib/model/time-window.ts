// A time window in epoch milliseconds, [from, to): what every dashboard query reads.
export interface TimeWindow {
  from: number;
  to: number;
}
