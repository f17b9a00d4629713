import Link from "next/link";
import type { ReactNode } from "react";
import { TraceRetentionNote } from "@/components/traces/trace-retention-note";
import type { ApiError } from "@/lib/hooks/fetch-api";

/** Placeholder shaped like the header and a few waterfall rows, while the trace loads. */
export function TraceSkeleton() {
  const widths = [92, 70, 55, 64, 38, 80, 46, 60];
  return (
    <div role="status" aria-busy="true" className="flex min-h-0 flex-1 flex-col gap-4 p-4">
      <span className="sr-only">Loading trace…</span>
      <div className="h-7 w-80 max-w-full animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="flex gap-6">
        {[0, 1, 2, 3].map((k) => (
          <div key={k} className="h-10 w-24 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        ))}
      </div>
      <div className="flex flex-col gap-2 pt-4">
        {widths.map((width, k) => (
          <div key={width} className="flex items-center gap-4">
            <div
              className="h-4 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800"
              style={{ width: `${12 + (k % 4) * 3}rem` }}
            />
            <div className="relative h-4 flex-1">
              <div
                className="absolute h-4 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800"
                style={{ left: `${k * 4}%`, width: `${width - k * 4}%` }}
              />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

interface ErrorStateProps {
  error: ApiError | Error;
  traceId: string;
  onRetry: () => void;
  retrying: boolean;
}

/** The 404 / 400 / other-failure screens, each saying what to do next. */
export function TraceErrorState({ error, traceId, onRetry, retrying }: ErrorStateProps) {
  const kind = "kind" in error ? error.kind : "server";
  if (kind === "not-found") {
    return (
      <StateMessage title="Trace not found" tone="neutral">
        <p>
          No spans with id <TraceIdText traceId={traceId} /> have arrived yet. It may still be arriving; retry
          in a few seconds, since exporters batch spans before sending them.
        </p>
        <TraceRetentionNote error={error} />
        <RetryButton onRetry={onRetry} retrying={retrying} />
      </StateMessage>
    );
  }
  if (kind === "bad-request") {
    return (
      <StateMessage title="Not a valid trace id" tone="neutral">
        <p className="whitespace-pre-wrap break-words">{error.message}</p>
        <p>
          <TraceIdText traceId={traceId} /> should be 32 hexadecimal characters.{" "}
          <Link href="/" className="text-blue-700 underline underline-offset-2 dark:text-blue-400">
            Enter another trace id
          </Link>
          .
        </p>
      </StateMessage>
    );
  }
  return (
    <StateMessage title="Could not load this trace" tone="error">
      <p className="whitespace-pre-wrap break-words">{error.message}</p>
      <RetryButton onRetry={onRetry} retrying={retrying} />
    </StateMessage>
  );
}

function TraceIdText({ traceId }: { traceId: string }) {
  return (
    <code className="break-all rounded bg-zinc-100 px-1 font-mono text-sm dark:bg-zinc-800">{traceId}</code>
  );
}

/** A centred card saying what went wrong and what to do next. */
export function StateMessage({
  title,
  tone,
  children,
}: {
  title: string;
  tone: "neutral" | "error";
  children: ReactNode;
}) {
  return (
    <div className="flex flex-1 items-start justify-center overflow-auto p-6">
      <section
        role={tone === "error" ? "alert" : undefined}
        className="mt-12 flex w-full max-w-xl flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-6 text-zinc-700 shadow-sm dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
      >
        <h1
          className={`text-xl font-semibold ${tone === "error" ? "text-red-700 dark:text-red-400" : "text-zinc-900 dark:text-zinc-50"}`}
        >
          {title}
        </h1>
        {children}
      </section>
    </div>
  );
}

export function RetryButton({ onRetry, retrying }: { onRetry: () => void; retrying: boolean }) {
  return (
    <div>
      <button
        type="button"
        onClick={onRetry}
        disabled={retrying}
        className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-wait disabled:opacity-70"
      >
        {retrying ? "Retrying…" : "Retry"}
      </button>
    </div>
  );
}
