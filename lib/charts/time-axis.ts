// The time axis of the dashboard's charts, in the reader's local time: ticks on round local
// times (10:15, 10:30, midnight) and labels that name the day where it changes.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type TickStep = { unit: "minute" | "hour" | "day"; size: number };

/** Round steps: each divides the next unit evenly, so ticks land on the same marks every hour/day. */
const STEPS: TickStep[] = [
  { unit: "minute", size: 1 },
  { unit: "minute", size: 2 },
  { unit: "minute", size: 5 },
  { unit: "minute", size: 10 },
  { unit: "minute", size: 15 },
  { unit: "minute", size: 30 },
  { unit: "hour", size: 1 },
  { unit: "hour", size: 2 },
  { unit: "hour", size: 3 },
  { unit: "hour", size: 6 },
  { unit: "hour", size: 12 },
  { unit: "day", size: 1 },
  { unit: "day", size: 2 },
  { unit: "day", size: 7 },
  { unit: "day", size: 14 },
  { unit: "day", size: 30 },
];

const stepMs = (step: TickStep) =>
  step.size * (step.unit === "minute" ? MINUTE : step.unit === "hour" ? HOUR : DAY);

/** At most `maxTicks` tick times within [from, to], on round local times. */
export function timeTicks(from: number, to: number, maxTicks = 7): number[] {
  if (!(to > from) || !Number.isFinite(from) || !Number.isFinite(to) || maxTicks < 1) return [];
  const span = to - from;
  const step = STEPS.find((s) => span / stepMs(s) <= maxTicks - 1) ?? (STEPS.at(-1) as TickStep);
  const ticks: number[] = [];
  for (let date = firstTick(from, step); date.getTime() <= to; date = advance(date, step)) {
    if (date.getTime() >= from) ticks.push(date.getTime());
  }
  // Calendar steps are not all equally long (DST days, 30-day "months"): thin out any excess.
  const keepEvery = Math.ceil(ticks.length / maxTicks);
  return keepEvery > 1 ? ticks.filter((_, index) => index % keepEvery === 0) : ticks;
}

function firstTick(from: number, step: TickStep): Date {
  const date = new Date(from);
  if (step.unit === "minute") {
    date.setSeconds(0, 0);
    date.setMinutes(Math.floor(date.getMinutes() / step.size) * step.size);
  } else if (step.unit === "hour") {
    date.setMinutes(0, 0, 0);
    date.setHours(Math.floor(date.getHours() / step.size) * step.size);
  } else {
    date.setHours(0, 0, 0, 0);
    // Day ticks start at the first midnight inside the window.
    if (date.getTime() < from) date.setDate(date.getDate() + 1);
  }
  return date;
}

/** Calendar arithmetic, not fixed milliseconds, so hour and day ticks survive DST changes. */
function advance(date: Date, step: TickStep): Date {
  const next = new Date(date);
  if (step.unit === "minute") next.setMinutes(next.getMinutes() + step.size);
  else if (step.unit === "hour") next.setHours(next.getHours() + step.size);
  else next.setDate(next.getDate() + step.size);
  return next;
}

/**
 * Intl formatters are slow to build (about a millisecond each here) and recharts formats every tick
 * several times while it lays an axis out, so each kind is built once per locale.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: "day" | "time", locale: string | undefined): Intl.DateTimeFormat {
  const key = `${kind}|${locale ?? ""}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locale,
      kind === "day"
        ? { day: "numeric", month: "short" }
        : { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
    );
    formatters.set(key, format);
  }
  return format;
}

/** "10:45" for times of day; "24 Nov" at local midnight, where the day changes. */
export function formatTimeTick(t: number, locale?: string): string {
  const date = new Date(t);
  const midnight = date.getHours() === 0 && date.getMinutes() === 0;
  return formatter(midnight ? "day" : "time", locale).format(date);
}

/** A step as a tooltip title: "24 Nov, 10:42 – 10:43", or "24 Nov – 25 Nov" for day steps. */
export function formatBucket(t: number, bucketMs: number, locale?: string): string {
  const start = new Date(t);
  const end = new Date(t + bucketMs);
  const day = formatter("day", locale);
  const time = formatter("time", locale);
  if (bucketMs >= DAY) return `${day.format(start)} – ${day.format(end)}`;
  const sameDay = start.toDateString() === new Date(t + bucketMs - 1).toDateString();
  return sameDay
    ? `${day.format(start)}, ${time.format(start)} – ${time.format(end)}`
    : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
}

/** A step length in words, for "per 5 minutes": "minute", "5 minutes", "hour", "2 hours", "day". */
export function formatStep(bucketMs: number): string {
  const units: [number, string][] = [
    [DAY, "day"],
    [HOUR, "hour"],
    [MINUTE, "minute"],
  ];
  for (const [size, name] of units) {
    if (bucketMs >= size && bucketMs % size === 0) {
      const count = bucketMs / size;
      return count === 1 ? name : `${count} ${name}s`;
    }
  }
  return `${Math.round(bucketMs / 1000)} seconds`;
}
