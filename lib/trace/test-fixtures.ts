// Compact TraceSpan builders for unit tests of the pure trace functions.
import type { TraceSpan } from "@/lib/model/traces";

/** 2026-11-24T00:00:00Z in nanoseconds; every fixture time is an offset from it. */
export const fixtureEpochNanos = 1_795_478_400_000_000_000n;

const nanosAt = (ms: number) => (fixtureEpochNanos + BigInt(Math.round(ms * 1e6))).toString();

/** A span `id` under `parent` (null for a root) running from `startMs` to `endMs` after the epoch. */
export function span(
  id: string,
  parent: string | null,
  startMs: number,
  endMs: number,
  extra: Partial<TraceSpan> = {},
): TraceSpan {
  return {
    spanId: id,
    parentSpanId: parent,
    name: `op ${id}`,
    service: "svc",
    kind: "INTERNAL",
    startTimeUnixNano: nanosAt(startMs),
    endTimeUnixNano: nanosAt(endMs),
    durationMs: endMs - startMs,
    status: { code: "UNSET" },
    attributes: {},
    resource: {},
    scope: { name: null, version: null },
    events: [],
    links: [],
    ...extra,
  };
}
