// Labels for the latency dashboard's numbers: latencies, request rates, ratios, counts. A value
// that does not exist (no requests, no cache lookups) reads "—", never "0".
import { formatDuration } from "@/lib/format/duration";
import { asMillis } from "@/lib/model/units";

export const NO_VALUE = "—";

/** A latency in ms ("12.3ms", "1.25s"), or "—" where there were no requests. */
export function formatLatency(ms: number | null | undefined): string {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? NO_VALUE : formatDuration(asMillis(ms));
}

/**
 * A request rate with about three significant digits: "1.2k/s", "12.3/s", "0.5/s", and per minute
 * below 0.1/s ("2.4/min" reads better than "0.04/s"); "0/s" for none.
 */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond < 0) return NO_VALUE;
  return formatRateIn(perSecond, perSecond > 0 && perSecond < 0.1 ? "min" : "s");
}

export type RateUnit = "s" | "min";

/** A rate in a given unit, e.g. for every tick of one chart axis: "0.025/s", "1.5/min". */
export function formatRateIn(perSecond: number, unit: RateUnit): string {
  if (!Number.isFinite(perSecond) || perSecond < 0) return NO_VALUE;
  const value = unit === "min" ? perSecond * 60 : perSecond;
  if (value === 0) return `0/${unit}`;
  if (value >= 1000) return `${trimmed(value / 1000, value >= 100_000 ? 0 : 1)}k/${unit}`;
  if (value >= 100) return `${Math.round(value)}/${unit}`;
  if (value < 0.01) return `<0.01/${unit}`;
  return `${Number(value.toPrecision(3))}/${unit}`;
}

/** The unit for a chart of rates: per second, unless every value is under one a second. */
export function rateUnitFor(perSecondValues: readonly number[]): RateUnit {
  return perSecondValues.some((value) => value >= 1) ? "s" : "min";
}

/** A latency axis tick: "0" at the origin rather than "0µs". */
export function formatLatencyTick(ms: number): string {
  return ms === 0 ? "0" : formatLatency(ms);
}

/** A 0..1 ratio as a percentage: "0%", "<0.1%", "2.5%", "37%", "100%"; "—" when null. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return NO_VALUE;
  const percent = ratio * 100;
  if (percent === 0) return "0%";
  if (percent < 0.1) return "<0.1%";
  if (percent < 10) return `${Number(percent.toPrecision(2))}%`;
  // 99.96% must not round to "100%" while some requests still fail.
  if (percent < 100 && Math.round(percent) === 100) return ">99.9%";
  return `${Math.round(percent)}%`;
}

/** Whole counts with grouping: "1,234". */
export function formatCount(count: number): string {
  return Number.isFinite(count) ? Math.round(count).toLocaleString("en-US") : NO_VALUE;
}

/**
 * What a cache miss costs, from the p95 of requests that missed and of those that only hit:
 * "+180ms (4.2× slower)". Null when either side is missing.
 */
export function formatMissCost(missP95Ms: number | null, hitP95Ms: number | null): string | null {
  if (missP95Ms === null || hitP95Ms === null || !Number.isFinite(missP95Ms) || !Number.isFinite(hitP95Ms)) {
    return null;
  }
  const difference = missP95Ms - hitP95Ms;
  if (difference <= 0) return "no slower than a hit";
  const factor = hitP95Ms > 0 ? missP95Ms / hitP95Ms : null;
  const times = factor !== null && factor >= 1.1 ? ` (${trimmed(factor, factor >= 10 ? 0 : 1)}× slower)` : "";
  return `+${formatDuration(asMillis(difference))}${times}`;
}

function trimmed(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}
