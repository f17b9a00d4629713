// Search inside one loaded trace: the spans whose name, service, span id or any attribute (of
// the span or its resource) key or value contains the text, case-insensitively, in the order
// the waterfall shows them when everything is expanded. Iterative, one pass over the spans.
import type { AttributeValue } from "@/lib/model/attribute-value";
import type { TraceSpan } from "@/lib/model/traces";
import type { SpanTree } from "@/lib/trace/span-tree";

/** Indices of the matching spans in waterfall (pre-)order; empty for a blank query. */
export function findSpanMatches(tree: SpanTree, query: string): number[] {
  const needle = query.trim().toLowerCase();
  if (needle === "") return [];
  const matches: number[] = [];
  const stack: number[] = [];
  for (let r = tree.roots.length - 1; r >= 0; r--) stack.push(tree.roots[r] as number);
  while (stack.length > 0) {
    const i = stack.pop() as number;
    if (spanMatches(tree.spans[i] as TraceSpan, needle)) matches.push(i);
    const kids = tree.children[i] as readonly number[];
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k] as number);
  }
  return matches;
}

function spanMatches(span: TraceSpan, needle: string): boolean {
  if (span.name.toLowerCase().includes(needle)) return true;
  if (span.service.toLowerCase().includes(needle)) return true;
  if (span.spanId === needle) return true;
  return attributesMatch(span.attributes, needle) || attributesMatch(span.resource, needle);
}

function attributesMatch(attributes: Record<string, AttributeValue>, needle: string): boolean {
  for (const key in attributes) {
    if (key.toLowerCase().includes(needle)) return true;
    if (valueText(attributes[key]).toLowerCase().includes(needle)) return true;
  }
  return false;
}

function valueText(value: AttributeValue | undefined): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The next (or previous) match after the current span, wrapping around; null without matches. */
export function stepMatch(
  matches: readonly number[],
  current: number | undefined,
  direction: 1 | -1,
): number | null {
  if (matches.length === 0) return null;
  const at = current === undefined ? -1 : matches.indexOf(current);
  if (at === -1) return direction === 1 ? (matches[0] as number) : (matches[matches.length - 1] as number);
  return matches[(at + direction + matches.length) % matches.length] as number;
}
