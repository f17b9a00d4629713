// decodeCompactTrace's times: offsets turned back into exact decimal nanoseconds without BigInt,
// checked against BigInt for the cases where the seconds/nanoseconds split could go wrong.
import { describe, expect, it } from "vitest";
import { type CompactTrace, CompactTraceError, decodeCompactTrace } from "./compact-trace";

function compactWith(
  start: string,
  offsets: (number | string)[],
  durations: (number | string)[],
): CompactTrace {
  const n = offsets.length;
  return {
    format: "compact-v1",
    traceId: "0".repeat(32),
    startTimeUnixNano: start,
    strings: ["op", "svc"],
    resources: [{}],
    scopes: [[-1, -1]],
    spans: {
      spanIds: Array.from({ length: n }, (_, i) => i.toString(16).padStart(16, "0")).join(""),
      parent: offsets.map((_, i) => i - 1),
      missingParents: {},
      name: new Array(n).fill(0),
      service: new Array(n).fill(1),
      kind: new Array(n).fill(1),
      start: offsets,
      duration: durations,
      status: new Array(n).fill(0),
      statusMessages: {},
      resource: new Array(n).fill(0),
      scope: new Array(n).fill(0),
      attributes: Array.from({ length: n }, () => []),
      events: {},
      links: {},
    },
  };
}

describe("decodeCompactTrace times", () => {
  const cases: { name: string; start: string; offset: number | string; duration: number | string }[] = [
    { name: "zero offset", start: "1795478400000000000", offset: 0, duration: 0 },
    { name: "carry into the next second", start: "1795478400999999999", offset: 1, duration: 999_999_999 },
    { name: "offset of whole seconds", start: "1795478400123456789", offset: 5_000_000_000, duration: 1 },
    { name: "offset just below 2^53", start: "1795478400999999999", offset: 2 ** 53 - 2, duration: 1 },
    {
      name: "offset beyond 2^53, as a string",
      start: "1795478400000000001",
      offset: "9007199254740993",
      duration: "7",
    },
    { name: "a start before one second", start: "17", offset: 5, duration: 3 },
  ];
  it.each(cases)("$name", ({ start, offset, duration }) => {
    const trace = decodeCompactTrace(compactWith(start, [offset], [duration]));
    const expectedStart = BigInt(start) + BigInt(offset);
    expect(trace.spans[0]?.startTimeUnixNano).toBe(expectedStart.toString());
    expect(trace.spans[0]?.endTimeUnixNano).toBe((expectedStart + BigInt(duration)).toString());
  });

  it("resolves parents by row and refuses columns of unequal length", () => {
    const trace = decodeCompactTrace(compactWith("1000000000", [0, 1], [5, 1]));
    expect(trace.spans[1]?.parentSpanId).toBe(trace.spans[0]?.spanId);
    expect(trace.spans[0]?.parentSpanId).toBeNull();
    const broken = compactWith("1000000000", [0, 1], [5]);
    expect(() => decodeCompactTrace(broken)).toThrow(CompactTraceError);
  });
});
