"use client";

import Link from "next/link";
import type { BudgetStatus } from "@/lib/contracts/budget-schemas";
import { formatViolatedFor } from "@/lib/url-state/budgets-url";
import { endpointHref } from "@/lib/url-state/dashboard-url";

const VERDICT = {
  ok: {
    label: "OK",
    className: "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-300",
  },
  violated: {
    label: "Violated",
    className: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  },
  unknown: {
    label: "No requests",
    className: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  },
} as const;

/** One row per budget: endpoint, each objective against its value now, verdict, since when violated. */
export function BudgetTable({
  budgets,
  now,
  deleting,
  onEdit,
  onDelete,
}: {
  budgets: BudgetStatus[];
  now: number;
  deleting: string | null;
  onEdit: (budget: BudgetStatus) => void;
  onDelete: (budget: BudgetStatus) => void;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th className="py-1 pr-3 font-medium">Endpoint</th>
            <th className="py-1 pr-3 font-medium">Objectives (now)</th>
            <th className="hidden py-1 pr-3 font-medium sm:table-cell">Requests</th>
            <th className="py-1 pr-3 font-medium">Status</th>
            <th className="py-1 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {budgets.map((budget) => (
            <BudgetRow
              key={budget.id}
              budget={budget}
              now={now}
              deleting={deleting === budget.id}
              onEdit={() => onEdit(budget)}
              onDelete={() => onDelete(budget)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BudgetRow({
  budget,
  now,
  deleting,
  onEdit,
  onDelete,
}: {
  budget: BudgetStatus;
  now: number;
  deleting: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const verdict = VERDICT[budget.verdict];
  const name = `${budget.service} ${budget.endpoint}`;
  return (
    <tr data-testid="budget-row" aria-label={`Budget of ${name}`} className="align-top">
      <td className="py-2 pr-3">
        <Link
          href={endpointHref({ service: budget.service, endpoint: budget.endpoint }, new URLSearchParams())}
          className="font-medium break-words text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-blue-400"
        >
          {budget.endpoint}
        </Link>
        <div className="text-xs break-words text-zinc-500 dark:text-zinc-400">
          {budget.service}
          {budget.source === "file" ? " · from BUDGETS_FILE" : ""}
          {budget.webhookUrl ? " · own webhook" : ""}
        </div>
      </td>
      <td className="py-2 pr-3">
        <ul className="flex flex-col gap-0.5 tabular-nums">
          {budget.objectives.map((objective) => (
            <li
              key={objective.name}
              className={objective.ok ? "" : "font-medium text-red-700 dark:text-red-400"}
            >
              {objective.name} ≤ {objective.objective}: {objective.actual}
              <span className="sr-only">{objective.ok ? " (holds)" : " (exceeded)"}</span>
            </li>
          ))}
        </ul>
      </td>
      <td className="hidden py-2 pr-3 tabular-nums sm:table-cell">{budget.actual?.count ?? 0}</td>
      <td className="py-2 pr-3">
        <span
          data-testid="budget-verdict"
          className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${verdict.className}`}
        >
          {verdict.label}
        </span>
        {budget.verdict === "violated" ? (
          <div className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="budget-since">
            {budget.violatedSince
              ? `since ${new Date(budget.violatedSince).toLocaleTimeString()} (${formatViolatedFor(budget.violatedSince, now)})`
              : "since the last check"}
          </div>
        ) : null}
      </td>
      <td className="py-2 text-right whitespace-nowrap">
        <button
          type="button"
          onClick={onEdit}
          aria-label={`Edit the budget of ${name}`}
          className="rounded-md border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Edit
        </button>{" "}
        <button
          type="button"
          onClick={onDelete}
          disabled={deleting}
          aria-label={`Delete the budget of ${name}`}
          className="rounded-md border border-zinc-300 px-2 py-0.5 text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50 dark:border-zinc-700 dark:text-red-400 dark:hover:bg-red-950"
        >
          {deleting ? "Deleting…" : "Delete"}
        </button>
      </td>
    </tr>
  );
}
