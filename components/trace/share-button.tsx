"use client";

import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { copyText } from "@/components/trace/copy-link-button";
import type { CreatedShare } from "@/lib/contracts/share-schemas";
import { useTraceShareMutations } from "@/lib/hooks/use-trace-shares";

const button =
  "rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-wait disabled:opacity-70 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";

/** How long a new link may live; a week is the API's default. */
const LIFETIMES = [
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "1 day" },
  { hours: 168, label: "7 days" },
  { hours: 720, label: "30 days" },
] as const;

/**
 * Share this trace with someone without a Tracewell login: creates a public read-only link
 * (POST /api/traces/{traceId}/shares), copies it, and says when it expires and that anyone holding
 * it can see the trace. Links are listed and revoked in Settings.
 */
export function ShareButton({ traceId }: { traceId: string }) {
  const id = useId();
  const { create } = useTraceShareMutations();
  const [open, setOpen] = useState(false);
  const [hours, setHours] = useState(168);
  const [created, setCreated] = useState<CreatedShare | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const firstRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (!open) return;
    firstRef.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        // The trace view closes the span details on Escape; this closes only the dialog.
        event.preventDefault();
        setOpen(false);
      }
    };
    document.addEventListener("keydown", onKeyDown, true);
    return () => document.removeEventListener("keydown", onKeyDown, true);
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCopied(null);
    create.mutate(
      { traceId, expiresInHours: hours },
      {
        onSuccess: async (share) => {
          setCreated(share);
          setCopied(await copyText(share.url));
        },
      },
    );
  };

  return (
    <div className="relative">
      <button
        type="button"
        className={button}
        onClick={() => {
          setOpen((was) => !was);
          setCreated(null);
          create.reset();
        }}
        aria-expanded={open}
        aria-controls={id}
      >
        Share
      </button>
      {open ? (
        <section
          id={id}
          aria-label="Share this trace"
          className="absolute top-full right-0 z-20 mt-1 flex w-80 max-w-[90vw] flex-col gap-2 rounded-md border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Anyone with the link can see this trace — its spans, attributes and events — without signing in,
            until it expires or is revoked in Settings. It opens nothing else.
          </p>
          {created ? (
            <div className="flex flex-col gap-2">
              <label className="flex flex-col gap-1 text-xs font-medium">
                Share link
                <input
                  readOnly
                  value={created.url}
                  onFocus={(event) => event.target.select()}
                  className="w-full rounded-md border border-zinc-300 bg-zinc-50 px-2 py-1.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
                />
              </label>
              <p aria-live="polite" className="text-xs">
                {copied === false ? "Copy failed: select the link and copy it. " : "Copied. "}
                Expires{" "}
                <time dateTime={created.expiresAt}>{new Date(created.expiresAt).toLocaleString()}</time>.
              </p>
              <div className="flex justify-end">
                <button type="button" className={button} onClick={() => setOpen(false)}>
                  Done
                </button>
              </div>
            </div>
          ) : (
            <form onSubmit={submit} className="flex flex-col gap-2">
              <label className="flex flex-col gap-1 text-xs font-medium">
                Link expires after
                <select
                  ref={firstRef}
                  value={hours}
                  onChange={(event) => setHours(Number(event.target.value))}
                  className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
                >
                  {LIFETIMES.map((lifetime) => (
                    <option key={lifetime.hours} value={lifetime.hours}>
                      {lifetime.label}
                    </option>
                  ))}
                </select>
              </label>
              {create.error ? (
                <p role="alert" className="text-xs text-red-700 dark:text-red-400">
                  {create.error.message}
                </p>
              ) : null}
              <div className="flex justify-end gap-2">
                <button type="button" className={button} onClick={() => setOpen(false)}>
                  Cancel
                </button>
                <button
                  type="submit"
                  disabled={create.isPending}
                  className={`${button} border-blue-600 bg-blue-600 text-white hover:bg-blue-700 dark:border-blue-600 dark:bg-blue-600 dark:hover:bg-blue-700`}
                >
                  {create.isPending ? "Creating…" : "Create and copy link"}
                </button>
              </div>
            </form>
          )}
        </section>
      ) : null}
    </div>
  );
}
