// The window of times Tracewell accepts (from now − retention to now + allowed clock skew), and
// the sentence that tells a sender why a span or point fell outside it. Shared by both signals.

/** BIGINT ceiling: times (and start + duration) must fit PostgreSQL's int8. */
export const INT64_MAX = 2n ** 63n - 1n;

export interface WindowOptions {
  nowUnixNano: bigint;
  /** data that started longer ago than this is refused (it would expire at once) */
  maxPastNanos: bigint;
  /** data further ahead than this (clock skew) is refused */
  maxFutureNanos: bigint;
}

export interface AcceptedWindow {
  from: bigint;
  to: bigint;
  options: WindowOptions;
}

export function acceptedWindow(options: WindowOptions): AcceptedWindow {
  const to = options.nowUnixNano + options.maxFutureNanos;
  return { from: options.nowUnixNano - options.maxPastNanos, to: to < INT64_MAX ? to : INT64_MAX, options };
}

/** Why `time` (named `label` for the sender, e.g. "start time") is refused; null when accepted. */
export function outsideWindow(label: string, time: bigint, window: AcceptedWindow): string | null {
  if (time < window.from) {
    return `${label} ${isoTime(time)} is more than ${duration(window.options.maxPastNanos)} in the past, outside retention`;
  }
  if (time > window.to) {
    return `${label} ${isoTime(time)} is more than ${duration(window.options.maxFutureNanos)} in the future; check the sender's clock`;
  }
  return null;
}

function isoTime(unixNano: bigint): string {
  return new Date(Number(unixNano / 1_000_000n)).toISOString();
}

/** "7d", "1h", "90s": the largest unit that states the window exactly. */
function duration(nanos: bigint): string {
  const units: Array<[string, bigint]> = [
    ["d", 86_400_000_000_000n],
    ["h", 3_600_000_000_000n],
    ["m", 60_000_000_000n],
    ["s", 1_000_000_000n],
    ["ms", 1_000_000n],
  ];
  for (const [unit, size] of units) if (nanos % size === 0n && nanos >= size) return `${nanos / size}${unit}`;
  return `${nanos}ns`;
}
