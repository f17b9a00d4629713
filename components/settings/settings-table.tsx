"use client";

import type { ReactNode } from "react";
import { ErrorPanel, SkeletonBlock } from "@/components/dashboard/dashboard-states";

/** A column header; `wide` ones are hidden on narrow screens (their cells use the same class). */
export interface SettingsColumn {
  label: string;
  wide?: boolean;
}

/** The hidden-on-phones class of a `wide` column's cells. */
export const wideCell = "hidden sm:table-cell";

/**
 * A Settings list (ingest keys, share links) in its four states: the error with a retry, loading,
 * empty, and the table with its columns and a last, unlabelled actions column.
 */
export function SettingsTable({
  what,
  error,
  loaded,
  empty,
  emptyText,
  onRetry,
  retrying,
  columns,
  children,
}: {
  /** "the ingest keys", for "Could not load …" */
  what: string;
  error: Error | null;
  loaded: boolean;
  empty: boolean;
  emptyText: string;
  onRetry: () => void;
  retrying: boolean;
  columns: SettingsColumn[];
  children: ReactNode;
}) {
  if (error && !loaded) {
    return (
      <ErrorPanel title={`Could not load ${what}`} error={error} onRetry={onRetry} retrying={retrying} />
    );
  }
  if (!loaded) return <SkeletonBlock className="h-24" />;
  if (empty) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{emptyText}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            {columns.map((column) => (
              <th key={column.label} className={`py-1 pr-3 font-medium ${column.wide ? wideCell : ""}`}>
                {column.label}
              </th>
            ))}
            <th className="py-1 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>
      </table>
    </div>
  );
}
