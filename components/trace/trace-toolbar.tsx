"use client";

import { type KeyboardEvent, useEffect, useRef, useState } from "react";

interface TraceToolbarProps {
  traceId: string;
  critical: boolean;
  onCriticalChange: (on: boolean) => void;
  query: string;
  onQueryChange: (text: string) => void;
  matchCount: number;
  /** 1-based position of the selected span among the matches, 0 when it is not one */
  matchPosition: number;
  onStep: (direction: 1 | -1) => void;
  /** a public link's view: no comparing with other traces */
  shared?: boolean;
}

const buttonClass =
  "rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";

/** Critical path toggle, search inside the trace (n / N step through matches), compare. */
export function TraceToolbar({
  traceId,
  critical,
  onCriticalChange,
  query,
  onQueryChange,
  matchCount,
  matchPosition,
  onStep,
  shared = false,
}: TraceToolbarProps) {
  const [text, setText] = useState(query);
  const inputRef = useRef<HTMLInputElement>(null);

  // n / N anywhere outside a text field step through the matches, "/" focuses the search.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target?.closest("input, textarea, select, [contenteditable=true]")) return;
      if (event.key === "n" || event.key === "N") {
        event.preventDefault();
        onStep(event.key === "n" ? 1 : -1);
      } else if (event.key === "/") {
        event.preventDefault();
        inputRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [onStep]);

  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      onStep(event.shiftKey ? -1 : 1);
    }
  };

  const searching = query.trim() !== "";
  return (
    <div className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-2 border-b border-zinc-200 px-4 py-2 text-sm dark:border-zinc-800">
      <button
        type="button"
        aria-pressed={critical}
        onClick={() => onCriticalChange(!critical)}
        className={`${buttonClass} ${critical ? "border-orange-500 bg-orange-50 text-orange-900 dark:border-orange-500 dark:bg-orange-950 dark:text-orange-200" : ""}`}
        title="Highlight the chain of spans that decided when the trace ended, with each span's self time"
      >
        Critical path
      </button>

      <search className="flex items-center gap-1.5">
        <input
          ref={inputRef}
          type="search"
          aria-label="Search spans in this trace"
          placeholder="Search spans (name, service, attribute)"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            onQueryChange(event.target.value);
          }}
          onKeyDown={onInputKeyDown}
          className="w-64 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button
          type="button"
          className={buttonClass}
          aria-label="Previous match"
          disabled={matchCount === 0}
          onClick={() => onStep(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className={buttonClass}
          aria-label="Next match"
          disabled={matchCount === 0}
          onClick={() => onStep(1)}
        >
          ↓
        </button>
        {searching ? (
          <output aria-live="polite" className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
            {matchCount === 0
              ? "no match"
              : `${matchPosition > 0 ? `${matchPosition} of ` : ""}${matchCount.toLocaleString("en-US")} match${matchCount === 1 ? "" : "es"}`}
          </output>
        ) : null}
      </search>

      {shared ? null : (
        <form action="/traces/compare" method="get" className="ml-auto flex items-center gap-1.5">
          <input type="hidden" name="a" value={traceId} />
          <input
            name="b"
            aria-label="Trace id to compare with"
            placeholder="Compare with trace id…"
            required
            pattern="[0-9a-fA-F]{32}"
            className="w-64 rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button type="submit" className={buttonClass}>
            Compare
          </button>
        </form>
      )}
    </div>
  );
}
