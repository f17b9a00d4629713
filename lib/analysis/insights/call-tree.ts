// The shape detectors work on: a trace's outgoing calls (database, HTTP, RPC), each with what it
// does (its call key), its direct parent, and the request (SERVER/CONSUMER span with an endpoint)
// it was made for — the nearest such ancestor, walked without recursion.

import type { Finding, FindingKind } from "@/lib/analysis/insights/finding";
import { callKeyOf } from "@/lib/analysis/insights/normalize-statement";
import type { AnalysisSpan } from "@/lib/analysis/trace-analyzer";
import { type ClientCall, clientCallOf } from "@/lib/semconv/client-call";

export interface Call {
  span: AnalysisSpan;
  call: ClientCall;
  /** null for calls that cannot be grouped (no statement or URL) */
  key: string | null;
  parentKey: string;
  request: AnalysisSpan;
  start: bigint;
  end: bigint;
}

export const idKey = (id: Buffer) => id.toString("latin1");

/** Calls by start time, then span id: every detector reports its spans in this order. */
export const sortedByStart = (calls: readonly Call[]) =>
  [...calls].sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : idKey(a.span.spanId) < idKey(b.span.spanId) ? -1 : 1,
  );

/** A finding about `ordered` (calls of one request, by start) with what the detector measured. */
export function findingOf(
  kind: FindingKind,
  ordered: readonly Call[],
  measured: Pick<Finding, "key" | "timeSavedNano" | "nearMiss">,
): Finding {
  const request = (ordered[0] as Call).request;
  return {
    kind,
    requestSpanId: request.spanId,
    service: request.serviceName,
    endpoint: request.endpoint ?? "",
    requestStartNano: request.startTimeUnixNano,
    requestDurationNano: request.durationNano,
    spanIds: ordered.map((c) => c.span.spanId),
    count: ordered.length,
    ...measured,
  };
}

/** The calls of a trace that belong to a request; calls outside any request are left out. */
export function callsOf(spans: readonly AnalysisSpan[]): Call[] {
  const byId = new Map(spans.map((span) => [idKey(span.spanId), span]));
  const requestOf = new Map<string, AnalysisSpan | null>();
  const findRequest = (start: AnalysisSpan): AnalysisSpan | null => {
    const path: string[] = [];
    let current: AnalysisSpan | undefined = start;
    let found: AnalysisSpan | null = null;
    // bounded by the span count: a parent cycle in bad data cannot loop forever
    for (let steps = 0; current && steps <= spans.length; steps++) {
      const key = idKey(current.spanId);
      const known = requestOf.get(key);
      if (known !== undefined) {
        found = known;
        break;
      }
      path.push(key);
      if (current.endpoint !== null) {
        found = current;
        break;
      }
      current = current.parentSpanId ? byId.get(idKey(current.parentSpanId)) : undefined;
    }
    for (const key of path) requestOf.set(key, found);
    return found;
  };

  const calls: Call[] = [];
  for (const span of spans) {
    if (span.parentSpanId === null || span.attributes === null) continue;
    const call = clientCallOf(span.kind, span.attributes);
    if (call === null) continue;
    const parent = byId.get(idKey(span.parentSpanId));
    if (!parent) continue;
    const request = findRequest(parent);
    if (request === null) continue;
    calls.push({
      span,
      call,
      key: callKeyOf(call),
      parentKey: idKey(span.parentSpanId),
      request,
      start: span.startTimeUnixNano,
      end: span.startTimeUnixNano + span.durationNano,
    });
  }
  return calls;
}

/** Groups items by a string key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
