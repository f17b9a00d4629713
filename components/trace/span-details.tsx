import type { ReactNode } from "react";
import { AttributeTable } from "@/components/trace/attribute-table";
import { ServiceSwatch } from "@/components/trace/service-swatch";
import { SpanEvents, SpanLinks } from "@/components/trace/span-events-links";
import { formatDuration, formatOffset } from "@/lib/format/duration";
import { formatStartTime, unixNanosToIso } from "@/lib/format/timestamp";
import type { TraceSpan } from "@/lib/model/traces";
import { nanosToMillis, type RelativeNanos } from "@/lib/model/units";
import { Placement, type SpanTree } from "@/lib/trace/span-tree";

interface SpanDetailsProps {
  tree: SpanTree;
  /** index of the selected span in tree.spans */
  index: number;
  traceId: string;
  onSelectSpan: (spanId: string) => void;
  onClose: () => void;
  /** a public link's view: the endpoint and linked traces are text, not links into Tracewell */
  shared?: boolean;
}

/** Everything known about one span. All span data is rendered as text. */
export function SpanDetails({
  tree,
  index,
  traceId,
  onSelectSpan,
  onClose,
  shared = false,
}: SpanDetailsProps) {
  const span = tree.spans[index] as TraceSpan;
  const parentIndex = tree.parent[index] ?? -1;
  const parent = parentIndex >= 0 ? tree.spans[parentIndex] : undefined;
  const placement = tree.placement[index];
  const offsetMs = nanosToMillis(tree.offsetNs[index] as RelativeNanos);
  const durationMs = nanosToMillis(tree.durationNs[index] as RelativeNanos);
  const isError = span.status.code === "ERROR";

  return (
    <div className="flex flex-col gap-5 p-4">
      <div className="flex items-start gap-2">
        <h2 className="min-w-0 flex-1 text-base font-semibold break-words">{span.name}</h2>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close span details"
          title="Close (Esc)"
          className="-mt-1 -mr-1 rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-zinc-800 dark:hover:text-white"
        >
          <svg viewBox="0 0 16 16" className="size-4" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="2" />
          </svg>
        </button>
      </div>

      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
        <Field label="Service">
          <span className="flex items-center gap-1.5 break-words">
            <ServiceSwatch service={span.service} />
            {span.service}
          </span>
        </Field>
        <Field label="Kind">{span.kind}</Field>
        {span.endpoint ? (
          <Field label="Endpoint">
            {shared ? (
              <span className="font-mono text-xs break-all">{span.endpoint}</span>
            ) : (
              <a
                href={`/endpoints?${new URLSearchParams({ service: span.service, endpoint: span.endpoint })}`}
                className="font-mono text-xs break-all text-blue-700 underline dark:text-blue-400"
              >
                {span.endpoint}
              </a>
            )}
          </Field>
        ) : null}
        <Field label="Span ID">
          <code className="font-mono text-xs break-all">{span.spanId}</code>
        </Field>
        <Field label="Parent">
          <ParentField span={span} parent={parent} placement={placement} onSelectSpan={onSelectSpan} />
        </Field>
        <Field label="Start">
          {formatOffset(offsetMs)} from trace start
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">
            <time dateTime={unixNanosToIso(span.startTimeUnixNano) ?? undefined}>
              {formatStartTime(span.startTimeUnixNano)}
            </time>
          </span>
        </Field>
        <Field label="Duration">{formatDuration(durationMs)}</Field>
        <Field label="Status">
          <span
            className={
              isError
                ? "font-semibold text-red-700 dark:text-red-400"
                : span.status.code === "OK"
                  ? "text-green-700 dark:text-green-400"
                  : ""
            }
          >
            {span.status.code}
          </span>
          {span.status.message ? (
            <span className="mt-0.5 block max-h-40 overflow-auto break-words whitespace-pre-wrap">
              {span.status.message}
            </span>
          ) : null}
        </Field>
      </dl>

      <Section title="Attributes" count={Object.keys(span.attributes).length}>
        <AttributeTable attributes={span.attributes} emptyText="No attributes." />
      </Section>

      <Section title="Events" count={span.events.length}>
        <SpanEvents span={span} />
      </Section>

      <Section title="Links" count={span.links.length}>
        <SpanLinks links={span.links} traceId={traceId} shared={shared} />
      </Section>

      <Section title="Resource" count={Object.keys(span.resource).length}>
        <AttributeTable attributes={span.resource} emptyText="No resource attributes." />
      </Section>

      <Section title="Instrumentation scope">
        {span.scope.name ? (
          <p className="text-sm break-words">
            {span.scope.name}
            {span.scope.version ? (
              <span className="text-zinc-500 dark:text-zinc-400"> {span.scope.version}</span>
            ) : null}
          </p>
        ) : (
          <Empty>Not reported.</Empty>
        )}
      </Section>
    </div>
  );
}

function ParentField({
  span,
  parent,
  placement,
  onSelectSpan,
}: {
  span: TraceSpan;
  parent: TraceSpan | undefined;
  placement: number | undefined;
  onSelectSpan: (spanId: string) => void;
}) {
  if (parent) {
    return (
      <button
        type="button"
        onClick={() => onSelectSpan(parent.spanId)}
        className="text-left break-words text-blue-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400"
      >
        {parent.name} <code className="font-mono text-xs">{parent.spanId}</code>
      </button>
    );
  }
  if (span.parentSpanId === null || span.parentSpanId === "") return <>none (root span)</>;
  return (
    <span>
      <code className="font-mono text-xs break-all">{span.parentSpanId}</code>{" "}
      <span className="rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900/40 dark:text-amber-200">
        {placement === Placement.Cycle ? "loops back to this span" : "parent missing"}
      </span>
      {placement === Placement.ParentMissing ? (
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">
          Not in this trace: it may not have arrived yet, or was dropped.
        </span>
      ) : null}
    </span>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-2">
      <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {title}
        {count !== undefined && count > 0 ? <span className="ml-1 font-normal">({count})</span> : null}
      </h3>
      {children}
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="text-sm text-zinc-500 dark:text-zinc-400">{children}</p>;
}

/** The panel's content when `?span=` names a span this trace does not have. */
export function UnknownSpanNotice({ spanId, onClose }: { spanId: string; onClose: () => void }) {
  return (
    <div className="flex flex-col gap-3 p-4 text-sm">
      <h2 className="text-base font-semibold">Span not in this trace</h2>
      <p>
        The link selects span <code className="font-mono text-xs break-all">{spanId}</code>, which this trace
        does not contain (yet).
      </p>
      <div>
        <button
          type="button"
          onClick={onClose}
          className="rounded-md border border-zinc-300 px-3 py-1.5 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-zinc-700"
        >
          Close
        </button>
      </div>
    </div>
  );
}
