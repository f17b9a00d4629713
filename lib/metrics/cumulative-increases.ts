// Cumulative points → increases: what each point adds since the previous point of its series.
// A cumulative series restarts when its process restarts (a new start time) or when a counter is
// reset without one (a value goes down); in both cases the new value is all increase, as in
// Prometheus' increase(). Pure and generic over the value (a number, a histogram). docs/metrics.md.

export interface CumulativePoint<V> {
  /** series identity */
  series: string;
  /** start_time_unix_nano (0 when the sender did not set it) */
  start: bigint;
  time: bigint;
  value: V;
}

export interface Increase<V> {
  series: string;
  time: bigint;
  value: V;
}

/**
 * Points must be sorted by series, then time. `subtract(later, earlier)` returns the difference,
 * or null when it would be negative (a reset). The first point of each series is only a baseline
 * unless its run started at or after `knownFrom` (then all of it happened in the window we
 * read); the caller reads some time before its window to have baselines.
 */
export function cumulativeIncreases<V>(
  points: readonly CumulativePoint<V>[],
  subtract: (later: V, earlier: V) => V | null,
  knownFrom: bigint,
): Increase<V>[] {
  const out: Increase<V>[] = [];
  let previous: CumulativePoint<V> | undefined;
  for (const point of points) {
    if (previous === undefined || previous.series !== point.series) {
      if (point.start !== 0n && point.start >= knownFrom) out.push(increase(point, point.value));
    } else if (point.start !== previous.start) {
      // A new run: the process restarted, everything since its start time is new.
      out.push(increase(point, point.value));
    } else {
      out.push(increase(point, subtract(point.value, previous.value) ?? point.value));
    }
    previous = point;
  }
  return out;
}

function increase<V>(point: CumulativePoint<V>, value: V): Increase<V> {
  return { series: point.series, time: point.time, value };
}

/** Numeric counters: a drop is a reset. */
export function subtractNumber(later: number, earlier: number): number | null {
  return later >= earlier ? later - earlier : null;
}
