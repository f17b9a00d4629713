// Tick positions for the waterfall's time axis: round steps (1, 2, 5 × 10^k ms) from 0 to the
// trace duration.
import { asMillis, type Millis } from "@/lib/model/units";

const steps = [1, 2, 2.5, 5, 10] as const;

export function timeTicks(durationMs: Millis, maxTicks = 6): Millis[] {
  if (!(durationMs > 0) || !Number.isFinite(durationMs)) return [asMillis(0)];
  const rough = durationMs / Math.max(1, maxTicks - 1);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = (steps.find((s) => s * magnitude >= rough) ?? 10) * magnitude;
  const ticks: Millis[] = [];
  // Multiplying (not accumulating) keeps 0.1 + 0.2-style drift out of the labels.
  for (let k = 0; k * step <= durationMs * (1 + 1e-9); k++) {
    ticks.push(asMillis(Number((k * step).toPrecision(12))));
  }
  return ticks;
}
