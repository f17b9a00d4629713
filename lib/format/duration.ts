// Human durations for labels: "850µs", "12.3ms", "1.25s", "2m 5s". About three significant
// digits, enough to compare bars without reading nanoseconds.
import type { Millis } from "@/lib/model/units";

const units = [
  { suffix: "µs", perMs: 1000 },
  { suffix: "ms", perMs: 1 },
  { suffix: "s", perMs: 1 / 1000 },
] as const;

function roundForLabel(value: number): number {
  const decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function formatDuration(ms: Millis): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms < 0) return `-${formatDuration(-ms as Millis)}`;
  if (ms === 0) return "0µs";
  if (ms >= 60_000) {
    const minutes = Math.floor(ms / 60_000);
    const seconds = Math.round((ms - minutes * 60_000) / 1000);
    // 59.6s rounds up into the next minute rather than printing "1m 60s".
    return seconds === 60 ? `${minutes + 1}m` : seconds === 0 ? `${minutes}m` : `${minutes}m ${seconds}s`;
  }
  // Pick the unit after rounding, so 999.96µs reads "1ms", not "1000µs".
  const start = ms < 1 ? 0 : ms < 1000 ? 1 : 2;
  for (let u = start; u < units.length; u++) {
    const unit = units[u] as (typeof units)[number];
    const rounded = roundForLabel(ms * unit.perMs);
    if (unit.suffix === "s" && rounded >= 60) return "1m";
    if (rounded < 1000 || u === units.length - 1) return `${rounded}${unit.suffix}`;
  }
  return `${ms}ms`;
}

/** A start offset: "+12.3ms", with "0" for the very start. */
export function formatOffset(ms: Millis): string {
  return ms === 0 ? "0" : `+${formatDuration(ms)}`;
}
