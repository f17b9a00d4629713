// The trace page header's numbers and the service legend, derived from the span tree.
import type { TraceSpan } from "@/lib/model/traces";
import { type Millis, nanosToMillis } from "@/lib/model/units";
import { Placement, type SpanTree } from "@/lib/trace/span-tree";

export interface ServiceSummary {
  readonly name: string;
  readonly spanCount: number;
  readonly errorCount: number;
}

export interface TraceSummary {
  /** the earliest real root; the earliest top-level span when every root is missing */
  readonly rootSpan: TraceSpan | null;
  readonly spanCount: number;
  readonly errorCount: number;
  /** spans shown at top level because their parent is not in the trace */
  readonly orphanCount: number;
  readonly durationMs: Millis;
  readonly startUnixNano: bigint;
  /** by name */
  readonly services: readonly ServiceSummary[];
}

export function summarizeTrace(tree: SpanTree): TraceSummary {
  const { spans, roots, placement } = tree;
  const rootIndex = roots.find((i) => placement[i] === Placement.Root) ?? roots[0];
  const services = new Map<string, { spanCount: number; errorCount: number }>();
  let errorCount = 0;
  for (const span of spans) {
    const isError = span.status.code === "ERROR";
    if (isError) errorCount++;
    const entry = services.get(span.service);
    if (entry) {
      entry.spanCount++;
      if (isError) entry.errorCount++;
    } else {
      services.set(span.service, { spanCount: 1, errorCount: isError ? 1 : 0 });
    }
  }
  return {
    rootSpan: rootIndex === undefined ? null : (spans[rootIndex] ?? null),
    spanCount: spans.length,
    errorCount,
    orphanCount: roots.filter((i) => placement[i] === Placement.ParentMissing).length,
    durationMs: nanosToMillis(tree.traceDurationNs),
    startUnixNano: tree.traceStartUnixNano,
    services: [...services.entries()]
      .map(([name, counts]) => ({ name, ...counts }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}
