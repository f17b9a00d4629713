"use client";

import Link from "next/link";
import { useId } from "react";
import { SkeletonBlock } from "@/components/dashboard/dashboard-states";
import { displayUnit } from "@/lib/charts/metric-series";
import type { MetricSummary } from "@/lib/metrics/metric-schemas";

const TYPE_LABEL: Record<MetricSummary["type"], string> = {
  sum: "sum",
  gauge: "gauge",
  histogram: "histogram",
  exponential_histogram: "exp. histogram",
  summary: "summary",
};

interface MetricListProps {
  metrics: MetricSummary[] | undefined;
  loading: boolean;
  search: string;
  onSearch: (text: string) => void;
  selected: string | null;
  /** the link that shows a metric */
  hrefFor: (metric: MetricSummary) => string;
}

/** The searchable list of metrics: name, type, unit and services; each a link to its chart. */
export function MetricList({ metrics, loading, search, onSearch, selected, hrefFor }: MetricListProps) {
  const id = useId();
  const needle = search.trim().toLowerCase();
  const shown = (metrics ?? []).filter(
    (m) =>
      needle === "" ||
      m.name.toLowerCase().includes(needle) ||
      (m.description ?? "").toLowerCase().includes(needle) ||
      m.services.some((s) => s.toLowerCase().includes(needle)),
  );
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <label htmlFor={id} className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
        Search metrics
      </label>
      <input
        id={id}
        type="search"
        value={search}
        onChange={(event) => onSearch(event.target.value)}
        placeholder="name, description or service"
        className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900"
      />
      {loading && !metrics ? (
        <div className="flex flex-col gap-2" aria-hidden="true">
          {[0, 1, 2, 3].map((k) => (
            <SkeletonBlock key={k} className="h-12" />
          ))}
        </div>
      ) : shown.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          {metrics?.length ? "No metric matches this search." : "No metrics in this time range."}
        </p>
      ) : (
        <ul aria-label="Metrics" className="flex max-h-[32rem] flex-col gap-1 overflow-y-auto">
          {shown.map((m) => {
            const current = m.name === selected;
            const unit = displayUnit(m.unit);
            return (
              <li key={`${m.name}/${m.type}/${m.unit}`}>
                <Link
                  href={hrefFor(m)}
                  aria-current={current ? "page" : undefined}
                  className={`block rounded-md px-2 py-1.5 focus-visible:outline-2 focus-visible:outline-blue-600 ${
                    current ? "bg-blue-50 dark:bg-blue-950/50" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  }`}
                >
                  <span className="block break-all font-mono text-sm text-zinc-900 dark:text-zinc-100">
                    {m.name}
                  </span>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                    {TYPE_LABEL[m.type]}
                    {unit ? ` · ${unit}` : ""} · {m.services.join(", ")}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
