// Wall-clock times for span starts. The API's nanosecond strings are exact; a Date only holds
// milliseconds, which is all a person reads, so the conversion happens here and nowhere else.

/** ISO-8601 UTC with microseconds, e.g. "2026-11-24T00:18:03.123456Z"; null when unparseable. */
export function unixNanosToIso(unixNano: string | bigint): string | null {
  const text = typeof unixNano === "bigint" ? unixNano.toString() : unixNano;
  if (!/^\d{1,30}$/.test(text)) return null;
  const nanos = BigInt(text);
  const ms = Number(nanos / 1_000_000n);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  const micros = (nanos % 1_000_000_000n) / 1000n;
  return `${date.toISOString().slice(0, 19)}.${micros.toString().padStart(6, "0")}Z`;
}

/** "24 Nov 2026, 00:18:03.123 UTC"-style local time; `timeZone` is for tests. */
export function formatStartTime(unixNano: string | bigint, locale?: string, timeZone?: string): string {
  const iso = unixNanosToIso(unixNano);
  if (iso === null) return "unknown time";
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    fractionalSecondDigits: 3,
    hourCycle: "h23",
    timeZone,
    timeZoneName: "short",
  }).format(new Date(iso));
}

/** "10:42:13.123" in local time (or `timeZone`): a span start when the day is already clear. */
export function formatClockTime(unixNano: string | bigint, locale?: string, timeZone?: string): string {
  const iso = unixNanosToIso(unixNano);
  if (iso === null) return "unknown time";
  return new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    fractionalSecondDigits: 3,
    hourCycle: "h23",
    timeZone,
  }).format(new Date(iso));
}
