"use client";

import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { StoredBudget } from "@/lib/contracts/budget-schemas";
import type { BudgetInput } from "@/lib/hooks/use-budgets";

const input =
  "w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900";

interface Fields {
  service: string;
  endpoint: string;
  p50Ms: string;
  p95Ms: string;
  p99Ms: string;
  /** percent, as typed */
  errorPercent: string;
  webhookUrl: string;
}

const EMPTY: Fields = {
  service: "",
  endpoint: "",
  p50Ms: "",
  p95Ms: "",
  p99Ms: "",
  errorPercent: "",
  webhookUrl: "",
};

function fieldsOf(budget: StoredBudget | null): Fields {
  if (!budget) return EMPTY;
  const text = (value: number | null) => (value === null ? "" : String(value));
  return {
    service: budget.service,
    endpoint: budget.endpoint,
    p50Ms: text(budget.p50Ms),
    p95Ms: text(budget.p95Ms),
    p99Ms: text(budget.p99Ms),
    errorPercent: budget.errorRate === null ? "" : String(Math.round(budget.errorRate * 1e6) / 1e4),
    webhookUrl: budget.webhookUrl ?? "",
  };
}

const number = (text: string) => (text.trim() === "" ? null : Number(text));

/**
 * Add a budget, or edit `editing`: service, endpoint, any of p50/p95/p99 (ms) and the error rate
 * (%), and an optional webhook URL. Escape cancels an edit. The server's refusal is shown as is.
 */
export function BudgetForm({
  editing,
  suggestions,
  saving,
  error,
  onSave,
  onCancel,
}: {
  editing: StoredBudget | null;
  /** endpoints seen lately, offered as the user types */
  suggestions: readonly { service: string; endpoint: string }[];
  saving: boolean;
  error: Error | null;
  onSave: (budget: BudgetInput, done: () => void) => void;
  onCancel: () => void;
}) {
  const [fields, setFields] = useState<Fields>(() => fieldsOf(editing));
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    setFields(fieldsOf(editing));
    // Edit (on a row below or above) brings the keyboard to the form.
    if (editing) formRef.current?.querySelector<HTMLInputElement>("input")?.focus();
  }, [editing]);
  const set = (key: keyof Fields) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [key]: event.target.value }));
  const noObjective = [fields.p50Ms, fields.p95Ms, fields.p99Ms, fields.errorPercent].every(
    (v) => v.trim() === "",
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errorPercent = number(fields.errorPercent);
    onSave(
      {
        service: fields.service.trim(),
        endpoint: fields.endpoint.trim(),
        p50Ms: number(fields.p50Ms),
        p95Ms: number(fields.p95Ms),
        p99Ms: number(fields.p99Ms),
        errorRate: errorPercent === null ? null : errorPercent / 100,
        webhookUrl: fields.webhookUrl.trim() === "" ? null : fields.webhookUrl.trim(),
      },
      () => setFields(EMPTY),
    );
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key === "Escape" && editing) {
      event.preventDefault();
      onCancel();
    }
  };

  const services = [...new Set(suggestions.map((s) => s.service))].sort();
  const endpoints = [
    ...new Set(
      suggestions
        .filter((s) => fields.service.trim() === "" || s.service === fields.service.trim())
        .map((s) => s.endpoint),
    ),
  ].sort();

  const field = (key: keyof Fields, label: string, props: Record<string, string | number | boolean>) => (
    <label className="flex min-w-0 flex-col gap-1">
      <span className="text-zinc-600 dark:text-zinc-400">{label}</span>
      <input id={`${id}-${key}`} value={fields[key]} onChange={set(key)} className={input} {...props} />
    </label>
  );

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      onKeyDown={cancelOnEscape}
      aria-label={editing ? `Edit the budget of ${editing.service} ${editing.endpoint}` : "Add a budget"}
      className="flex flex-col gap-3 text-sm"
    >
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        {field("service", "Service", {
          required: true,
          placeholder: "checkout",
          maxLength: 500,
          list: `${id}-services`,
        })}
        {field("endpoint", "Endpoint", {
          required: true,
          placeholder: "GET /cart",
          maxLength: 1000,
          list: `${id}-endpoints`,
        })}
        <datalist id={`${id}-services`}>
          {services.map((service) => (
            <option key={service} value={service} />
          ))}
        </datalist>
        <datalist id={`${id}-endpoints`}>
          {endpoints.map((endpoint) => (
            <option key={endpoint} value={endpoint} />
          ))}
        </datalist>
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {field("p50Ms", "p50 at most (ms)", { type: "number", min: 0, step: "any", placeholder: "–" })}
        {field("p95Ms", "p95 at most (ms)", { type: "number", min: 0, step: "any", placeholder: "–" })}
        {field("p99Ms", "p99 at most (ms)", { type: "number", min: 0, step: "any", placeholder: "–" })}
        {field("errorPercent", "Errors at most (%)", {
          type: "number",
          min: 0,
          max: 100,
          step: "any",
          placeholder: "–",
        })}
      </div>
      {field("webhookUrl", "Webhook URL (optional; default BUDGET_WEBHOOK_URL)", {
        type: "url",
        placeholder: "https://hooks.example.com/tracewell",
      })}
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="submit"
          disabled={saving || fields.service.trim() === "" || fields.endpoint.trim() === "" || noObjective}
          className="rounded-md bg-blue-600 px-3 py-1.5 font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50"
        >
          {saving ? "Saving…" : editing ? "Save budget" : "Add budget"}
        </button>
        {editing ? (
          <button
            type="button"
            onClick={onCancel}
            className="rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Cancel
          </button>
        ) : null}
        {noObjective ? (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">Set at least one objective.</span>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="break-words text-red-700 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
    </form>
  );
}
