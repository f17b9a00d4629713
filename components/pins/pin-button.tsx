"use client";

import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { usePin, usePinMutations } from "@/lib/hooks/use-pins";
import { PINNED_BY_ANONYMOUS } from "@/lib/model/pins";

const NAME_KEY = "tracewell.pinnedBy";
const button =
  "rounded-md border border-zinc-300 px-2.5 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-wait disabled:opacity-70 dark:border-zinc-700 dark:hover:bg-zinc-800";
const input =
  "w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900";

/**
 * Pin this trace with a note, so it outlives SPAN_RETENTION and is listed on /pinned; or unpin it.
 * Who pinned is a free-text name (remembered in this browser) until Tracewell has users.
 * Self-contained: the trace header adds it with one line.
 */
export function PinButton({ traceId }: { traceId: string }) {
  const id = useId();
  const { data } = usePin(traceId);
  const { pin, unpin } = usePinMutations(traceId);
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState("");
  const [name, setName] = useState("");
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const current = data?.pin ?? null;

  useEffect(() => {
    if (!editing) return;
    setNote(current?.note ?? "");
    setName(
      current?.pinnedBy && current.pinnedBy !== PINNED_BY_ANONYMOUS
        ? current.pinnedBy
        : (localStorage.getItem(NAME_KEY) ?? ""),
    );
    noteRef.current?.focus();
  }, [editing, current]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) localStorage.setItem(NAME_KEY, name.trim());
    pin.mutate({ note, pinnedBy: name }, { onSuccess: () => setEditing(false) });
  };
  const failure = pin.error ?? unpin.error;

  return (
    <div className="relative flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        {current ? (
          <>
            <button
              type="button"
              className={button}
              onClick={() => setEditing((open) => !open)}
              aria-expanded={editing}
              aria-controls={id}
            >
              Edit pin note
            </button>
            <button
              type="button"
              className={button}
              onClick={() => unpin.mutate()}
              disabled={unpin.isPending}
            >
              {unpin.isPending ? "Unpinning…" : "Unpin"}
            </button>
          </>
        ) : (
          <button
            type="button"
            className={button}
            onClick={() => setEditing((open) => !open)}
            aria-expanded={editing}
            aria-controls={id}
          >
            Pin
          </button>
        )}
      </div>
      {current && !editing ? (
        <p className="max-w-72 text-right text-xs text-zinc-600 dark:text-zinc-400">
          Pinned by {current.pinnedBy} on {new Date(current.pinnedAt).toLocaleString()}
          {current.note ? `: “${current.note}”` : ""}
        </p>
      ) : null}
      {editing ? (
        <form
          id={id}
          onSubmit={save}
          aria-label="Pin this trace"
          className="absolute top-full right-0 z-20 mt-1 flex w-72 max-w-[90vw] flex-col gap-2 rounded-md border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <label className="flex flex-col gap-1 text-xs font-medium">
            Note
            <textarea
              ref={noteRef}
              className={input}
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={2000}
              placeholder="Why keep this trace?"
            />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium">
            Your name
            <input
              className={input}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              placeholder={PINNED_BY_ANONYMOUS}
            />
          </label>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Pinned traces are kept past the span retention window and listed under Pinned.
          </p>
          <div className="flex justify-end gap-2">
            <button type="button" className={button} onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button
              type="submit"
              className={`${button} border-blue-600 bg-blue-600 text-white hover:bg-blue-700 dark:hover:bg-blue-700`}
              disabled={pin.isPending}
            >
              {pin.isPending ? "Pinning…" : current ? "Save" : "Pin trace"}
            </button>
          </div>
        </form>
      ) : null}
      {failure ? (
        <p role="alert" className="max-w-72 text-right text-xs text-red-700 dark:text-red-400">
          {failure.message}
        </p>
      ) : null}
    </div>
  );
}
