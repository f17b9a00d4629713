"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { parseTraceIdInput, traceHref } from "@/lib/trace/trace-url";

/** "Go to trace id": accepts a bare id, a pasted Tracewell link or a traceparent value. */
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
    router.push(traceHref(traceId));
  };

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
      <label htmlFor={inputId} className="text-sm font-medium">
        Go to trace id
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          name="traceId"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="4bf92f3577b34da6a3ce929d0e0e4736"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm placeholder:text-zinc-400 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button
          type="submit"
          className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          Open
        </button>
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
