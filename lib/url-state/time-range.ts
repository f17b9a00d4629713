// The dashboard's time range as it lives in the URL: `range=1h` for a window ending now, or
// `from=…&to=…` (ISO 8601 or epoch ms) for a fixed one. Pure, so links parse the same everywhere.

export const RANGE_PRESETS = ["15m", "1h", "6h", "24h", "7d"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const PRESET_MS: Record<RangePreset, number> = {
  "15m": 15 * MINUTE,
  "1h": HOUR,
  "6h": 6 * HOUR,
  "24h": 24 * HOUR,
  "7d": 7 * 24 * HOUR,
};

const PRESET_LABELS: Record<RangePreset, string> = {
  "15m": "Last 15 minutes",
  "1h": "Last hour",
  "6h": "Last 6 hours",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
};

/** The API refuses longer windows (lib/api/time-range.ts); saying so here beats a 400 later. */
export const MAX_RANGE_MS = 90 * 24 * HOUR;

export type TimeRange =
  | { kind: "relative"; preset: RangePreset }
  | { kind: "absolute"; from: number; to: number };

export const DEFAULT_RANGE: TimeRange = { kind: "relative", preset: "1h" };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function isRangePreset(text: string): text is RangePreset {
  return (RANGE_PRESETS as readonly string[]).includes(text);
}

/** Epoch milliseconds or ISO 8601, as the API accepts them; null when neither. */
export function parseInstantParam(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Date.parse(trimmed);
  return Number.isFinite(value) ? value : null;
}

const presetList = "15m, 1h, 6h, 24h or 7d";

export function parseTimeRange(params: URLSearchParams): Parsed<TimeRange> {
  const range = params.get("range");
  const fromText = params.get("from");
  const toText = params.get("to");
  if (range !== null && (fromText !== null || toText !== null)) {
    return { ok: false, error: "Use either range=… or from=…&to=… in the link, not both." };
  }
  if (range !== null) {
    return isRangePreset(range)
      ? { ok: true, value: { kind: "relative", preset: range } }
      : {
          ok: false,
          error: `range="${range}" is not a time range: use ${presetList}, or from=…&to=… for a custom range.`,
        };
  }
  if (fromText === null && toText === null) return { ok: true, value: DEFAULT_RANGE };
  if (fromText === null || toText === null) {
    return {
      ok: false,
      error: "A custom range needs both from= and to= (ISO 8601 times or epoch milliseconds).",
    };
  }
  const from = parseInstantParam(fromText);
  if (from === null)
    return { ok: false, error: `from="${fromText}" is not a time: use ISO 8601 or epoch ms.` };
  const to = parseInstantParam(toText);
  if (to === null) return { ok: false, error: `to="${toText}" is not a time: use ISO 8601 or epoch ms.` };
  if (from >= to) return { ok: false, error: "The range must start (from=) before it ends (to=)." };
  if (to - from > MAX_RANGE_MS) return { ok: false, error: "A range may span at most 90 days." };
  return { ok: true, value: { kind: "absolute", from, to } };
}

/** ISO 8601 in UTC, without milliseconds when there are none: short enough to read in a link. */
export function formatInstantParam(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

/** The range's own query parameters, always explicit so a link reopens identically. */
export function timeRangeParams(range: TimeRange): [string, string][] {
  return range.kind === "relative"
    ? [["range", range.preset]]
    : [
        ["from", formatInstantParam(range.from)],
        ["to", formatInstantParam(range.to)],
      ];
}

/** The absolute window a range covers at `now`. */
export function resolveTimeRange(range: TimeRange, now: number): { from: number; to: number } {
  return range.kind === "relative"
    ? { from: now - PRESET_MS[range.preset], to: now }
    : { from: range.from, to: range.to };
}

/** Stable cache key: relative ranges keep one key while "now" moves on. */
export function timeRangeKey(range: TimeRange): string {
  return range.kind === "relative" ? range.preset : `${range.from}-${range.to}`;
}

export function sameTimeRange(a: TimeRange, b: TimeRange): boolean {
  return timeRangeKey(a) === timeRangeKey(b);
}

/** "Last hour", or "24 Nov, 10:00 – 11:30" for a custom range (local time unless `timeZone`). */
export function describeTimeRange(range: TimeRange, locale?: string, timeZone?: string): string {
  if (range.kind === "relative") return PRESET_LABELS[range.preset];
  const dateTime = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  });
  const time = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  });
  const dayOf = (ms: number) =>
    new Intl.DateTimeFormat("en-CA", { dateStyle: "short", timeZone }).format(new Date(ms));
  const sameDay = dayOf(range.from) === dayOf(range.to);
  return `${dateTime.format(new Date(range.from))} – ${(sameDay ? time : dateTime).format(new Date(range.to))}`;
}

/** The range inside a sentence: "the last hour", or "24 Nov, 10:00 – 11:30". */
export function describeTimeRangeInline(range: TimeRange, locale?: string, timeZone?: string): string {
  const label = describeTimeRange(range, locale, timeZone);
  return range.kind === "relative" ? `the ${label.toLowerCase()}` : label;
}

/** The value a `<input type="datetime-local">` shows for an instant, in local time. */
export function toDateTimeLocalValue(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a `datetime-local` value means in local time; null when empty or malformed. */
export function fromDateTimeLocalValue(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  const date = new Date(y ?? 0, (mo ?? 1) - 1, d, h, mi, s);
  // new Date() rolls 2026-02-31 over into March; a value that does not round-trip is malformed.
  return date.getDate() === d && date.getMonth() === (mo ?? 1) - 1 ? date.getTime() : null;
}
