// The waterfall's zoom window, kept in the URL as `?zoom=from-to` (milliseconds from the trace
// start, decimals allowed), and the minimap's span density.
import { asMillis, type Millis } from "@/lib/model/units";
import type { SpanTree } from "@/lib/trace/span-tree";

export interface ZoomWindow {
  readonly fromMs: Millis;
  readonly toMs: Millis;
}

const zoomPattern = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/;

/** The window from `?zoom=`, clamped to the trace; null (whole trace) when absent or malformed. */
export function parseZoom(text: string | null, traceDurationMs: Millis): ZoomWindow | null {
  const match = text === null ? null : zoomPattern.exec(text.trim());
  if (!match || !(traceDurationMs > 0)) return null;
  const from = Math.max(0, Number(match[1]));
  const to = Math.min(traceDurationMs, Number(match[2]));
  if (!(to > from)) return null;
  if (from === 0 && to >= traceDurationMs) return null;
  return { fromMs: asMillis(from), toMs: asMillis(to) };
}

/** `from-to` with at most three decimals (microseconds). */
export function formatZoom(window: ZoomWindow): string {
  const round = (ms: number) => String(Number(ms.toFixed(3)));
  return `${round(window.fromMs)}-${round(window.toMs)}`;
}

/** The window between two fractions (0–1) of the trace, in either order; null when too narrow. */
export function zoomBetween(a: number, b: number, traceDurationMs: Millis): ZoomWindow | null {
  const lo = Math.max(0, Math.min(a, b));
  const hi = Math.min(1, Math.max(a, b));
  if (hi - lo < 0.002) return null;
  return { fromMs: asMillis(lo * traceDurationMs), toMs: asMillis(hi * traceDurationMs) };
}

/** How many spans are running in each of `buckets` equal slices of the trace (for the minimap). */
export function spanDensity(tree: SpanTree, buckets: number): Uint32Array {
  const counts = new Int32Array(buckets + 1);
  const total = tree.traceDurationNs;
  const n = tree.spans.length;
  if (!(total > 0)) return new Uint32Array(buckets);
  // A difference array: +1 where a span starts, −1 after it ends, then a running sum. O(n + buckets).
  for (let i = 0; i < n; i++) {
    const start = tree.offsetNs[i] as number;
    const end = start + (tree.durationNs[i] as number);
    const first = Math.min(buckets - 1, Math.floor((start / total) * buckets));
    // The end is exclusive: a span ending exactly on a slice boundary is not in the next slice.
    const last = Math.max(first, Math.min(buckets - 1, Math.ceil((end / total) * buckets) - 1));
    counts[first] = (counts[first] as number) + 1;
    counts[last + 1] = (counts[last + 1] as number) - 1;
  }
  const density = new Uint32Array(buckets);
  let running = 0;
  for (let b = 0; b < buckets; b++) {
    running += counts[b] as number;
    density[b] = running;
  }
  return density;
}
