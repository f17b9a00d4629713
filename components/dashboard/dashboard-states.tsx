import Link from "next/link";
import { type ReactNode, useId } from "react";

const card =
  "rounded-lg border border-zinc-200 bg-white p-5 text-sm text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300";

/** A failed request, with the server's message and a retry. */
export function ErrorPanel({
  title,
  error,
  onRetry,
  retrying = false,
}: {
  title: string;
  error: Error;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  return (
    <div role="alert" className={`${card} flex flex-col gap-2 border-red-200 dark:border-red-900/60`}>
      <h2 className="font-semibold text-red-700 dark:text-red-400">{title}</h2>
      <p className="whitespace-pre-wrap break-words">{error.message}</p>
      {onRetry ? (
        <div>
          <button
            type="button"
            onClick={onRetry}
            disabled={retrying}
            className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-wait disabled:opacity-70"
          >
            {retrying ? "Retrying…" : "Retry"}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** A link whose parameters cannot be used: what is wrong, and a way out. */
export function InvalidLinkPanel({
  message,
  fixHref,
  fixLabel,
}: {
  message: string;
  fixHref: string;
  fixLabel: string;
}) {
  return (
    <div role="alert" className={`${card} flex flex-col gap-2 border-amber-300 dark:border-amber-800/70`}>
      <h2 className="font-semibold text-amber-800 dark:text-amber-300">This link cannot be shown</h2>
      <p className="break-words">{message}</p>
      <p>
        <Link
          href={fixHref}
          className="font-medium text-blue-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-blue-400"
        >
          {fixLabel}
        </Link>
      </p>
    </div>
  );
}

/** A calm "nothing here" card, e.g. no requests in the window. */
export function EmptyPanel({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className={`${card} flex flex-col gap-2`}>
      <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-100">{title}</h2>
      {children}
    </div>
  );
}

/** A grey block that pulses while data loads. */
export function SkeletonBlock({ className = "" }: { className?: string }) {
  return (
    <div aria-hidden="true" className={`animate-pulse rounded bg-zinc-200 dark:bg-zinc-800 ${className}`} />
  );
}

/** The page's heading row: breadcrumb, title, what it covers, and the toolbar. */
export function DashboardShell({
  breadcrumb,
  title,
  subtitle,
  toolbar,
  children,
}: {
  breadcrumb?: ReactNode;
  title: ReactNode;
  subtitle?: ReactNode;
  toolbar?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-6">
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
        <div className="min-w-0">
          {breadcrumb}
          <h1 className="text-2xl font-semibold tracking-tight break-words">{title}</h1>
          {subtitle ? <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{subtitle}</p> : null}
        </div>
        {toolbar}
      </div>
      {children}
    </main>
  );
}

/** A titled box for one chart or table; the heading names it for assistive tech (a region). */
export function Panel({
  title,
  description,
  actions,
  children,
  className = "",
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className={`flex min-w-0 flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900 ${className}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={headingId} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            {title}
          </h2>
          {description ? <div className="text-xs text-zinc-500 dark:text-zinc-400">{description}</div> : null}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Label over value, as in the trace header. */
export function Stat({ label, children, title }: { label: string; children: ReactNode; title?: string }) {
  return (
    <div className="flex flex-col" title={title}>
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="font-medium tabular-nums">{children}</dd>
    </div>
  );
}
