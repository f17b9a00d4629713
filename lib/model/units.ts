// Time units for the trace page. The API carries exact nanoseconds as decimal strings; they are
// turned into numbers once, here, relative to the trace start, so the UI never mixes units.

/** Milliseconds, the unit every UI label and bar is computed in. */
export type Millis = number & { readonly __unit: "ms" };

/** Nanoseconds relative to some origin, small enough to be exact in a double (< 2^53 ≈ 104 days). */
export type RelativeNanos = number & { readonly __unit: "ns" };

export const asMillis = (value: number): Millis => value as Millis;

export const nanosToMillis = (value: RelativeNanos): Millis => (value / 1e6) as Millis;

const decimalNanos = /^\d{1,30}$/;

/** Parses a `*UnixNano` string; null when it is not a plain decimal integer. */
export function parseUnixNanos(value: string): bigint | null {
  return decimalNanos.test(value) ? BigInt(value) : null;
}

/** `to - from` as a double; exact while the gap is under 2^53 ns. */
export function nanosBetween(from: bigint, to: bigint): RelativeNanos {
  return Number(to - from) as RelativeNanos;
}
