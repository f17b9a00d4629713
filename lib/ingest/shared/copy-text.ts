// Encodes span rows in PostgreSQL's COPY text format. Hand-written because this is the ingest hot
// path: one string per row, escaping only the few characters COPY text treats specially.
import type { SpanRow } from "@/lib/ingest/traces/span-row";
import { SPAN_COLUMNS } from "@/lib/model/span-columns";

/** The COPY column order: every column of `spans`. */
export const SPAN_COPY_COLUMNS = SPAN_COLUMNS;

const SPECIAL = /[\\\n\r\t]/;

export function copyText(value: string | null): string {
  if (value === null) return "\\N";
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\n\r\t]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t",
  );
}

function copyBytes(value: Buffer | null): string {
  // bytea hex input is "\x…"; the backslash itself is escaped for COPY text.
  return value === null ? "\\N" : `\\\\x${value.toString("hex")}`;
}

export function spanCopyLine(row: SpanRow): string {
  return `${row.startTimeUnixNano}\t${copyBytes(row.traceId)}\t${copyBytes(row.spanId)}\t${copyBytes(row.parentSpanId)}\t${row.durationNano}\t${copyText(row.serviceName)}\t${copyText(row.name)}\t${row.kind}\t${row.statusCode}\t${copyText(row.statusMessage)}\t${copyText(row.traceState)}\t${row.flags}\t${row.resourceId}\t${copyText(row.scopeName)}\t${copyText(row.scopeVersion)}\t${copyText(row.attributesJson)}\t${copyText(row.eventsJson)}\t${copyText(row.linksJson)}\t${row.droppedAttributesCount}\t${row.droppedEventsCount}\t${row.droppedLinksCount}\t${copyText(row.endpoint)}\t${row.httpStatusCode ?? "\\N"}\t${row.cacheResult ?? "\\N"}\n`;
}
