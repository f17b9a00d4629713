// What GET /api/traces/{traceId} says when no trace has this id: it has not arrived yet, or it
// expired unpinned after SPAN_RETENTION. Tracewell cannot tell the two apart once a trace is
// dropped, so the message states both, with the configured window.
import { loadConfig } from "@/lib/config";
import { formatRetention } from "@/lib/format/retention";

export function traceNotFoundMessage(traceId: string): string {
  const window = formatRetention(loadConfig().retention.spansMs);
  return (
    `trace ${traceId} not found: its spans have not arrived yet, or it is older than the ` +
    `span retention window (SPAN_RETENTION, ${window}) and expired unpinned`
  );
}
