"use client";

import { type FormEvent, useEffect, useId, useState } from "react";
import type { TraceSearchFilters } from "@/lib/url-state/trace-search-url";

interface TraceSearchFormProps {
  filters: TraceSearchFilters;
  suggestions: { services: string[]; endpoints: string[]; attributeKeys: string[] };
  /** called with the edited filters on submit (the page writes them to the URL) */
  onSearch: (filters: TraceSearchFilters) => void;
  /** the service typed so far, so endpoint and attribute suggestions can follow it */
  onServiceDraft?: (service: string | null) => void;
}

interface Draft {
  service: string;
  endpoint: string;
  name: string;
  attrs: Array<{ key: string; value: string }>;
  minDurationMs: string;
  maxDurationMs: string;
  status: "" | "error" | "ok";
}

function toDraft(filters: TraceSearchFilters): Draft {
  return {
    service: filters.service ?? "",
    endpoint: filters.endpoint ?? "",
    name: filters.name ?? "",
    attrs: filters.attrs.map((attr) => {
      const at = attr.indexOf("=");
      return at < 0 ? { key: attr, value: "" } : { key: attr.slice(0, at), value: attr.slice(at + 1) };
    }),
    minDurationMs: filters.minDurationMs ?? "",
    maxDurationMs: filters.maxDurationMs ?? "",
    status: filters.status ?? "",
  };
}

const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

function fromDraft(draft: Draft, sort: TraceSearchFilters["sort"]): TraceSearchFilters {
  return {
    service: orNull(draft.service),
    endpoint: orNull(draft.endpoint),
    name: orNull(draft.name),
    attrs: draft.attrs.filter((a) => a.key.trim() !== "").map((a) => `${a.key.trim()}=${a.value}`),
    minDurationMs: orNull(draft.minDurationMs),
    maxDurationMs: orNull(draft.maxDurationMs),
    status: draft.status === "" ? null : draft.status,
    sort,
  };
}

const input =
  "w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900";
const label = "flex min-w-0 flex-col gap-1 text-xs font-medium text-zinc-700 dark:text-zinc-300";

/**
 * The search filters, edited locally and applied on submit (Enter in any field): the URL changes
 * once per search, not per keystroke. States the semantics next to the fields they govern.
 */
export function TraceSearchForm({ filters, suggestions, onSearch, onServiceDraft }: TraceSearchFormProps) {
  const id = useId();
  const [draft, setDraft] = useState(() => toDraft(filters));
  // A new URL (Back, a link) replaces what was typed.
  useEffect(() => setDraft(toDraft(filters)), [filters]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setAttr = (index: number, patch: Partial<{ key: string; value: string }>) =>
    set({ attrs: draft.attrs.map((a, i) => (i === index ? { ...a, ...patch } : a)) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(fromDraft(draft, filters.sort));
  };

  return (
    <form onSubmit={submit} aria-label="Search traces" className="flex flex-col gap-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <label className={label}>
          Service
          <input
            className={input}
            list={`${id}-services`}
            value={draft.service}
            onChange={(e) => {
              set({ service: e.target.value });
              onServiceDraft?.(orNull(e.target.value));
            }}
            placeholder="any"
            name="service"
          />
        </label>
        <label className={label}>
          Endpoint
          <input
            className={input}
            list={`${id}-endpoints`}
            value={draft.endpoint}
            onChange={(e) => set({ endpoint: e.target.value })}
            placeholder="e.g. GET /orders/{id}"
            name="endpoint"
          />
        </label>
        <label className={label}>
          Span name
          <input
            className={input}
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            placeholder="exact, e.g. SELECT orders"
            name="name"
          />
        </label>
        <label className={label}>
          Status
          <select
            className={input}
            value={draft.status}
            onChange={(e) => set({ status: e.target.value as Draft["status"] })}
            name="status"
          >
            <option value="">Any</option>
            <option value="error">With errors</option>
            <option value="ok">Without errors</option>
          </select>
        </label>
        <label className={label}>
          Min duration (ms)
          <input
            className={input}
            inputMode="decimal"
            value={draft.minDurationMs}
            onChange={(e) => set({ minDurationMs: e.target.value })}
            placeholder="e.g. 250"
            name="minDurationMs"
          />
        </label>
        <label className={label}>
          Max duration (ms)
          <input
            className={input}
            inputMode="decimal"
            value={draft.maxDurationMs}
            onChange={(e) => set({ maxDurationMs: e.target.value })}
            placeholder="e.g. 0.5"
            name="maxDurationMs"
          />
        </label>
      </div>

      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">Attributes</legend>
        {draft.attrs.map((attr, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position while edited
          <div key={index} className="flex min-w-0 flex-wrap items-center gap-2">
            <input
              className={`${input} sm:w-56 sm:flex-none`}
              list={`${id}-keys`}
              aria-label={`Attribute ${index + 1} key`}
              value={attr.key}
              onChange={(e) => setAttr(index, { key: e.target.value })}
              placeholder="key, e.g. customer.id"
            />
            <span aria-hidden="true">=</span>
            <input
              className={`${input} flex-1 sm:w-56`}
              aria-label={`Attribute ${index + 1} value`}
              value={attr.value}
              onChange={(e) => setAttr(index, { value: e.target.value })}
              placeholder="exact value"
            />
            <button
              type="button"
              onClick={() => set({ attrs: draft.attrs.filter((_, i) => i !== index) })}
              className="rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-zinc-400 dark:hover:bg-zinc-800"
              aria-label={`Remove attribute ${index + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            onClick={() => set({ attrs: [...draft.attrs, { key: "", value: "" }] })}
            className="rounded-md border border-zinc-300 px-2.5 py-1 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Add attribute
          </button>
        </div>
      </fieldset>

      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <button
          type="submit"
          className="rounded-md bg-blue-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          Search
        </button>
        <p className="min-w-0 flex-1 text-xs text-zinc-500 dark:text-zinc-400">
          Service, endpoint, span name and attributes must all match <strong>one span</strong> of the trace
          (an attribute matches the span&apos;s own or its resource&apos;s, by exact text). Durations are the{" "}
          <strong>whole trace</strong>&apos;s, from its first span&apos;s start to its last span&apos;s end.
          “With errors”: at least one span has status ERROR.
        </p>
      </div>

      <datalist id={`${id}-services`}>
        {suggestions.services.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <datalist id={`${id}-endpoints`}>
        {suggestions.endpoints.map((e) => (
          <option key={e} value={e} />
        ))}
      </datalist>
      <datalist id={`${id}-keys`}>
        {suggestions.attributeKeys.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
    </form>
  );
}
