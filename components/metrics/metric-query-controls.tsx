"use client";

import { useId, useState } from "react";
import type { MetricSummary } from "@/lib/metrics/metric-schemas";
import { DEFAULT_STAT, statsFor } from "@/lib/metrics/metric-stats";
import type { MetricsQueryState } from "@/lib/url-state/metrics-url";

const selectClass =
  "max-w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900";
const buttonClass =
  "rounded-md border border-zinc-300 px-2 py-1 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800";

interface MetricQueryControlsProps {
  metric: MetricSummary;
  state: MetricsQueryState;
  onChange: (next: MetricsQueryState) => void;
}

/** Stat, group-by and filters, offered from what the metric has (its type, its attribute keys and values). */
export function MetricQueryControls({ metric, state, onChange }: MetricQueryControlsProps) {
  const statId = useId();
  const groupId = useId();
  const keyId = useId();
  const valueId = useId();
  const viewId = useId();
  const histogram = metric.type === "histogram" || metric.type === "exponential_histogram";
  const heatmap = histogram && state.view === "heatmap";
  const [filterKey, setFilterKey] = useState(metric.attributeKeys[0] ?? "");
  const [filterValue, setFilterValue] = useState("");
  const values = metric.attributeValues[filterKey] ?? [];
  const stat = state.stat ?? DEFAULT_STAT[metric.type];
  return (
    <div className="flex flex-wrap items-end gap-x-4 gap-y-3 text-sm">
      {histogram ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={viewId} className="font-medium text-zinc-700 dark:text-zinc-300">
            Show
          </label>
          <select
            id={viewId}
            value={heatmap ? "heatmap" : "stat"}
            onChange={(event) =>
              onChange({ ...state, view: event.target.value === "heatmap" ? "heatmap" : null })
            }
            className={selectClass}
          >
            <option value="stat">a statistic (percentiles…)</option>
            <option value="heatmap">bucket heatmap</option>
          </select>
        </div>
      ) : null}
      <div className={`flex flex-col gap-1${heatmap ? " hidden" : ""}`}>
        <label htmlFor={statId} className="font-medium text-zinc-700 dark:text-zinc-300">
          Statistic
        </label>
        <select
          id={statId}
          value={stat}
          onChange={(event) => onChange({ ...state, stat: event.target.value })}
          className={selectClass}
        >
          {statsFor(metric.type).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={groupId} className="font-medium text-zinc-700 dark:text-zinc-300">
          Group by
        </label>
        <select
          id={groupId}
          value={state.groupBy[0] ?? ""}
          onChange={(event) =>
            onChange({ ...state, groupBy: event.target.value ? [event.target.value] : [] })
          }
          className={selectClass}
        >
          <option value="">nothing (one series)</option>
          {metric.attributeKeys.map((key) => (
            <option key={key} value={key}>
              {key}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="flex flex-wrap items-end gap-2">
        <legend className="mb-1 font-medium text-zinc-700 dark:text-zinc-300">Add a filter</legend>
        <label htmlFor={keyId} className="sr-only">
          Filter key
        </label>
        <select
          id={keyId}
          value={filterKey}
          onChange={(event) => {
            setFilterKey(event.target.value);
            setFilterValue("");
          }}
          className={selectClass}
        >
          {metric.attributeKeys.map((key) => (
            <option key={key} value={key}>
              {key}
            </option>
          ))}
        </select>
        <label htmlFor={valueId} className="sr-only">
          Filter value
        </label>
        <select
          id={valueId}
          value={filterValue}
          onChange={(event) => setFilterValue(event.target.value)}
          className={selectClass}
        >
          <option value="">value…</option>
          {values.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
        <button
          type="button"
          className={buttonClass}
          disabled={filterKey === "" || filterValue === ""}
          onClick={() => {
            onChange({ ...state, filters: [...state.filters, [filterKey, filterValue]] });
            setFilterValue("");
          }}
        >
          Add
        </button>
      </fieldset>
      {state.filters.length > 0 ? (
        <ul aria-label="Filters" className="flex w-full flex-wrap gap-2">
          {state.filters.map(([key, value], index) => (
            <li
              key={`${key}=${value}`}
              className="flex items-center gap-1 rounded-full bg-zinc-100 py-0.5 pr-1 pl-2.5 text-xs dark:bg-zinc-800"
            >
              <span className="break-all font-mono">
                {key}={value}
              </span>
              <button
                type="button"
                aria-label={`Remove filter ${key}=${value}`}
                onClick={() => onChange({ ...state, filters: state.filters.filter((_, i) => i !== index) })}
                className="rounded-full px-1.5 hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-zinc-700"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
