import type { ReactNode } from "react";
import { PinButton } from "@/components/pins/pin-button";
import { CopyLinkButton } from "@/components/trace/copy-link-button";
import { ServiceSwatch } from "@/components/trace/service-swatch";
import { ShareButton } from "@/components/trace/share-button";
import { formatDuration } from "@/lib/format/duration";
import { formatStartTime, unixNanosToIso } from "@/lib/format/timestamp";
import type { TraceSummary } from "@/lib/trace/trace-summary";
import { traceHref } from "@/lib/trace/trace-url";

interface TraceHeaderProps {
  traceId: string;
  summary: TraceSummary;
  selectedSpanId: string | null;
  /** a public link's view: no pin, copy-link or share actions */
  shared?: boolean;
}

/** What the trace is, at a glance: root operation, size, errors, when it ran, and who took part. */
export function TraceHeader({ traceId, summary, selectedSpanId, shared = false }: TraceHeaderProps) {
  const { rootSpan } = summary;
  const startIso = unixNanosToIso(summary.startUnixNano);
  return (
    <section
      aria-label="Trace summary"
      className="flex shrink-0 flex-col gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800"
    >
      <div className="flex items-start gap-4">
        <div className="min-w-0 flex-1">
          <h1 className="line-clamp-2 text-lg font-semibold break-words" title={rootSpan?.name}>
            {rootSpan?.name ?? "Trace"}
          </h1>
          <p className="flex flex-wrap items-center gap-x-2 text-sm text-zinc-600 dark:text-zinc-400">
            {rootSpan ? (
              <span className="flex items-center gap-1.5">
                <ServiceSwatch service={rootSpan.service} />
                {rootSpan.service}
              </span>
            ) : null}
            <span className="font-mono text-xs break-all">trace {traceId}</span>
          </p>
        </div>
        {shared ? null : (
          <div className="flex flex-wrap justify-end gap-2">
            <PinButton traceId={traceId} />
            <CopyLinkButton href={traceHref(traceId, selectedSpanId)} />
            <ShareButton traceId={traceId} />
          </div>
        )}
      </div>

      <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
        <Stat label="Duration">{formatDuration(summary.durationMs)}</Stat>
        <Stat label="Spans">{summary.spanCount.toLocaleString("en-US")}</Stat>
        <Stat label="Services">{summary.services.length}</Stat>
        <Stat label="Errors">
          <span className={summary.errorCount > 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}>
            {summary.errorCount}
          </span>
        </Stat>
        <Stat label="Started">
          <time dateTime={startIso ?? undefined} title={startIso ?? undefined}>
            {formatStartTime(summary.startUnixNano)}
          </time>
        </Stat>
      </dl>

      <ul
        aria-label="Services"
        className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400"
      >
        {summary.services.map((service) => (
          <li key={service.name} className="flex items-center gap-1.5">
            <ServiceSwatch service={service.name} />
            <span className="break-all">{service.name}</span>
            <span className="tabular-nums">({service.spanCount})</span>
            {service.errorCount > 0 ? (
              <span className="text-red-700 dark:text-red-400">
                {service.errorCount} error{service.errorCount === 1 ? "" : "s"}
              </span>
            ) : null}
          </li>
        ))}
      </ul>

      {summary.orphanCount > 0 ? (
        <p className="text-xs text-amber-800 dark:text-amber-300">
          {summary.orphanCount} span{summary.orphanCount === 1 ? "'s parent is" : "s' parents are"} not in
          this trace (not arrived yet, or dropped); {summary.orphanCount === 1 ? "it is" : "they are"} shown
          at top level, marked “parent missing”.
        </p>
      ) : null}
    </section>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="font-medium tabular-nums">{children}</dd>
    </div>
  );
}
