import Link from "next/link";
import { AttributeTable } from "@/components/trace/attribute-table";
import { formatOffset } from "@/lib/format/duration";
import type { TraceSpan } from "@/lib/model/traces";
import { nanosBetween, nanosToMillis, parseUnixNanos } from "@/lib/model/units";
import { traceHref } from "@/lib/trace/trace-url";

/** A span's events, each with its offset from the span start and its attributes. */
export function SpanEvents({ span }: { span: TraceSpan }) {
  if (span.events.length === 0) return <Empty>No events.</Empty>;
  const spanStart = parseUnixNanos(span.startTimeUnixNano);
  return (
    <ol className="flex flex-col gap-3">
      {span.events.map((event, k) => {
        const at = parseUnixNanos(event.timeUnixNano);
        const offset =
          spanStart !== null && at !== null ? formatOffset(nanosToMillis(nanosBetween(spanStart, at))) : "?";
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: events have no id, and are never reordered
          <li key={k} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
            <div className="mb-1 flex items-baseline gap-2">
              <span className="min-w-0 flex-1 font-medium break-words">{event.name}</span>
              <span className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                {offset} into span
              </span>
            </div>
            <AttributeTable attributes={event.attributes} emptyText="No attributes." />
          </li>
        );
      })}
    </ol>
  );
}

/**
 * A span's links to other spans, in this trace or another, as Tracewell links — as text on a public
 * link's view, which opens this one trace only.
 */
export function SpanLinks({
  links,
  traceId,
  shared = false,
}: {
  links: TraceSpan["links"];
  traceId: string;
  shared?: boolean;
}) {
  if (links.length === 0) return <Empty>No links.</Empty>;
  return (
    <ul className="flex flex-col gap-3">
      {links.map((link, k) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same span can be linked twice
        <li key={k} className="rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800">
          {shared ? (
            <span className="font-mono text-xs break-all">
              <LinkTarget link={link} traceId={traceId} />
            </span>
          ) : (
            <Link
              href={traceHref(link.traceId, link.spanId)}
              className="font-mono text-xs break-all text-blue-700 underline underline-offset-2 dark:text-blue-400"
            >
              <LinkTarget link={link} traceId={traceId} />
            </Link>
          )}
          {link.traceState ? (
            <p className="mt-1 text-xs break-all text-zinc-500">tracestate {link.traceState}</p>
          ) : null}
          <div className="mt-1">
            <AttributeTable attributes={link.attributes} emptyText="No attributes." />
          </div>
        </li>
      ))}
    </ul>
  );
}

function LinkTarget({ link, traceId }: { link: TraceSpan["links"][number]; traceId: string }) {
  return (
    <>
      {link.traceId === traceId ? "this trace" : `trace ${link.traceId}`} · span {link.spanId}
    </>
  );
}

function Empty({ children }: { children: string }) {
  return <p className="text-sm text-zinc-500 dark:text-zinc-400">{children}</p>;
}
