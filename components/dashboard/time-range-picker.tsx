"use client";

import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from "react";
import {
  describeTimeRange,
  fromDateTimeLocalValue,
  MAX_RANGE_MS,
  RANGE_PRESETS,
  resolveTimeRange,
  type TimeRange,
  toDateTimeLocalValue,
} from "@/lib/url-state/time-range";

interface TimeRangePickerProps {
  /** null when the link's range is invalid: no preset is shown as selected */
  range: TimeRange | null;
  onChange: (range: TimeRange) => void;
}

const segment =
  "px-2.5 py-1.5 text-sm font-medium tabular-nums focus-visible:relative focus-visible:z-10 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600";
const idle =
  "bg-white text-zinc-700 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800";
const pressed = "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900";

/** Presets (15m … 7d) as a segmented control, plus a custom from/to in local time. */
export function TimeRangePicker({ range, onChange }: TimeRangePickerProps) {
  const [open, setOpen] = useState(false);
  const customButton = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const isCustom = range?.kind === "absolute";

  const close = () => {
    setOpen(false);
    customButton.current?.focus();
  };

  return (
    <div className="relative">
      <fieldset className="flex overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-700 [&>button+button]:border-l [&>button+button]:border-zinc-300 dark:[&>button+button]:border-zinc-700">
        <legend className="sr-only">Time range</legend>
        {RANGE_PRESETS.map((preset) => {
          const active = range?.kind === "relative" && range.preset === preset;
          return (
            <button
              key={preset}
              type="button"
              aria-pressed={active}
              title={describeTimeRange({ kind: "relative", preset })}
              onClick={() => {
                setOpen(false);
                onChange({ kind: "relative", preset });
              }}
              className={`${segment} ${active ? pressed : idle}`}
            >
              {preset}
            </button>
          );
        })}
        <button
          ref={customButton}
          type="button"
          aria-pressed={isCustom}
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          onClick={() => setOpen((value) => !value)}
          className={`${segment} ${isCustom ? pressed : idle}`}
        >
          {isCustom && range ? describeTimeRange(range) : "Custom"}
        </button>
      </fieldset>
      {open ? (
        <CustomRangeForm
          id={panelId}
          initial={range}
          onCancel={close}
          onApply={(next) => {
            close();
            onChange(next);
          }}
        />
      ) : null}
    </div>
  );
}

function CustomRangeForm({
  id,
  initial,
  onApply,
  onCancel,
}: {
  id: string;
  initial: TimeRange | null;
  onApply: (range: TimeRange) => void;
  onCancel: () => void;
}) {
  const start = resolveTimeRange(initial ?? { kind: "relative", preset: "1h" }, Date.now());
  const [from, setFrom] = useState(() => toDateTimeLocalValue(start.from));
  const [to, setTo] = useState(() => toDateTimeLocalValue(start.to));
  const [error, setError] = useState<string | null>(null);
  const fromId = useId();
  const toId = useId();
  const errorId = useId();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fromMs = fromDateTimeLocalValue(from);
    const toMs = fromDateTimeLocalValue(to);
    if (fromMs === null || toMs === null) return setError("Enter both a start and an end time.");
    if (fromMs >= toMs) return setError("The start must be before the end.");
    if (toMs - fromMs > MAX_RANGE_MS) return setError("A range may span at most 90 days.");
    onApply({ kind: "absolute", from: fromMs, to: toMs });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onCancel();
    }
  };

  const input =
    "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-950 dark:[color-scheme:dark]";
  return (
    <form
      id={id}
      aria-label="Custom time range"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      className="absolute right-0 z-20 mt-2 flex w-72 flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={fromId} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
          From (local time)
        </label>
        <input
          id={fromId}
          type="datetime-local"
          value={from}
          onChange={(event) => setFrom(event.target.value)}
          aria-describedby={error ? errorId : undefined}
          className={input}
          // biome-ignore lint/a11y/noAutofocus: the panel opens on request; its first field is where typing goes
          autoFocus
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={toId} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
          To (local time)
        </label>
        <input
          id={toId}
          type="datetime-local"
          value={to}
          onChange={(event) => setTo(event.target.value)}
          aria-describedby={error ? errorId : undefined}
          className={input}
        />
      </div>
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          Cancel
        </button>
        <button
          type="submit"
          className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          Apply
        </button>
      </div>
    </form>
  );
}
