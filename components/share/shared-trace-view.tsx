"use client";

import { ThemeToggle } from "@/components/theme/theme-toggle";
import { RetryButton, StateMessage } from "@/components/trace/trace-states";
import { TraceView } from "@/components/trace/trace-view";
import { ApiError } from "@/lib/hooks/fetch-api";
import { sharedTraceSource } from "@/lib/trace/trace-url";

/** The share page's top bar: what this is, and nothing to navigate to. */
export function SharedTraceHeader() {
  return (
    <header className="flex min-h-12 shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-200 bg-white px-4 py-2 dark:border-zinc-800 dark:bg-zinc-950">
      <span className="font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Tracewell</span>
      <span className="text-sm text-zinc-600 dark:text-zinc-400">
        Shared trace, read-only: whoever has this link can see it.
      </span>
      <div className="ml-auto">
        <ThemeToggle />
      </div>
    </header>
  );
}

/** The trace of a public share link (GET /api/share/{token}), or why the link opens nothing. */
export function SharedTraceView({ token }: { token: string }) {
  return (
    <TraceView
      traceId={null}
      source={sharedTraceSource(token)}
      shared
      renderError={(error, retry, retrying) => (
        <ShareLinkError error={error} onRetry={retry} retrying={retrying} />
      )}
    />
  );
}

function ShareLinkError({
  error,
  onRetry,
  retrying,
}: {
  error: Error;
  onRetry: () => void;
  retrying: boolean;
}) {
  const status = error instanceof ApiError ? error.status : undefined;
  // fetchApi prefixes other statuses with "The server answered 410: "; the API's own words follow.
  const reason = error.message.replace(/^The server answered \d+: /, "").replace(/\.$/, "");
  const title =
    status === 410
      ? /revoked/.test(reason)
        ? "This share link was revoked"
        : "This share link has expired"
      : status === 404
        ? "This share link does not open a trace"
        : "Could not load the shared trace";
  const transient = status === undefined || status >= 500;
  return (
    <StateMessage title={title} tone={transient ? "error" : "neutral"}>
      <p className="break-words">{reason.charAt(0).toUpperCase() + reason.slice(1)}.</p>
      {transient ? <RetryButton onRetry={onRetry} retrying={retrying} /> : null}
    </StateMessage>
  );
}
