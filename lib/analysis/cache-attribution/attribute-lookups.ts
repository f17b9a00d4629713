// Attributes each cache lookup of a trace to the request it served: the nearest enclosing request
// span (SERVER or CONSUMER, i.e. one with an endpoint) of the same service, through any depth of
// internal spans. The walk stops at a service boundary, so a downstream service's lookups never
// count for its caller; a lookup whose request span has not arrived (yet) counts for nothing.
// Iterative with memoised ancestors: no recursion, linear in the trace size.

export interface AttributionSpan {
  spanId: string;
  parentSpanId: string | null;
  service: string;
  /** set for request spans only */
  endpoint: string | null;
  /** 1 hit, 0 miss, null when the span is not a cache lookup */
  cacheResult: number | null;
}

export interface RequestLookups {
  requestSpanId: string;
  lookups: number;
  hits: number;
}

export function attributeLookups(spans: readonly AttributionSpan[]): Map<string, RequestLookups> {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  // span id → the request span id it belongs to (null: none), filled as walks complete.
  const owner = new Map<string, string | null>();
  const result = new Map<string, RequestLookups>();

  const requestOf = (start: AttributionSpan): string | null => {
    const path: string[] = [];
    let current: AttributionSpan | undefined = start;
    let found: string | null = null;
    while (current) {
      const known = owner.get(current.spanId);
      if (known !== undefined) {
        found = known;
        break;
      }
      path.push(current.spanId);
      if (current.endpoint !== null) {
        found = current.spanId;
        break;
      }
      const parent: AttributionSpan | undefined = current.parentSpanId
        ? byId.get(current.parentSpanId)
        : undefined;
      // Crossing into another service (or a cycle in malformed input) ends the walk unowned.
      if (!parent || parent.service !== start.service || path.length > spans.length) break;
      current = parent;
    }
    for (const id of path) owner.set(id, found);
    return found;
  };

  for (const span of spans) {
    if (span.cacheResult === null) continue;
    const request = requestOf(span);
    if (request === null) continue;
    const stats = result.get(request) ?? { requestSpanId: request, lookups: 0, hits: 0 };
    stats.lookups++;
    if (span.cacheResult === 1) stats.hits++;
    result.set(request, stats);
  }
  return result;
}
