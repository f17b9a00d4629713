"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { parseTraceIdInput, traceHref } from "@/lib/trace/trace-url";

/**
 * "Go to trace id", in the header of every page: accepts a bare id, a pasted Tracewell link or a
 * traceparent value.
 */
export function TraceIdForm() {
  const router = useRouter();
  const inputId = useId();
  const errorId = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const traceId = parseTraceIdInput(value);
    if (traceId === null) {
      setError("A trace id is 32 hexadecimal characters, e.g. 4bf92f3577b34da6a3ce929d0e0e4736.");
      return;
    }
    setError(null);
    setValue("");
    router.push(traceHref(traceId));
  };

  return (
    <search aria-label="Trace" className="relative">
      <form onSubmit={onSubmit} className="flex items-center" noValidate>
        <label htmlFor={inputId} className="sr-only">
          Go to trace id
        </label>
        <input
          id={inputId}
          name="traceId"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            if (error) setError(null);
          }}
          placeholder="Go to trace id…"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          className="w-40 min-w-0 rounded-l-md border border-zinc-300 bg-white px-2.5 py-1 font-mono text-xs placeholder:font-sans placeholder:text-zinc-400 focus-visible:relative focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-invalid:border-red-500 sm:w-64 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button
          type="submit"
          className="rounded-r-md border border-l-0 border-blue-600 bg-blue-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          Open
        </button>
        {error ? (
          <p
            id={errorId}
            role="alert"
            className="absolute top-full right-0 z-30 mt-1.5 w-72 rounded-md border border-red-200 bg-white p-2 text-xs text-red-700 shadow-md dark:border-red-900 dark:bg-zinc-900 dark:text-red-400"
          >
            {error}
          </p>
        ) : null}
      </form>
    </search>
  );
}
