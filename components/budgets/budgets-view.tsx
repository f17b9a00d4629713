"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { type ReactNode, useState } from "react";
import { BudgetForm } from "@/components/budgets/budget-form";
import { BudgetTable } from "@/components/budgets/budget-table";
import {
  DashboardShell,
  EmptyPanel,
  ErrorPanel,
  Panel,
  SkeletonBlock,
} from "@/components/dashboard/dashboard-states";
import type { StoredBudget } from "@/lib/contracts/budget-schemas";
import { useBudgetMutations, useBudgets } from "@/lib/hooks/use-budgets";
import { useEndpoints } from "@/lib/hooks/use-endpoints";
import {
  BUDGET_WINDOWS,
  budgetsHref,
  parseBudgetsView,
  type BudgetsView as View,
} from "@/lib/url-state/budgets-url";

/** Suggestions for the form: the endpoints that had requests in the last day. */
const SUGGESTION_RANGE = { kind: "relative", preset: "24h" } as const;

const select =
  "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** `/budgets?window=15m&status=violated`: every budget, its value now, OK or violated and since when; add, edit, delete. */
export function BudgetsView() {
  const search = useSearchParams();
  const router = useRouter();
  const view = parseBudgetsView(search);
  const budgets = useBudgets(view.window);
  const { save, remove } = useBudgetMutations();
  const [editing, setEditing] = useState<StoredBudget | null>(null);
  const known = useEndpoints(SUGGESTION_RANGE, null, { autoRefresh: false });
  const go = (next: Partial<View>) => router.replace(budgetsHref({ ...view, ...next }), { scroll: false });
  const windowLabel =
    view.window ?? (budgets.data ? `${Math.round(budgets.data.windowMs / 60_000)}m` : "15m");

  const toolbar = (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label className="flex items-center gap-1.5">
        <span className="text-zinc-600 dark:text-zinc-400">Measured over the last</span>
        <select
          value={view.window ?? ""}
          onChange={(event) => go({ window: event.target.value || null })}
          className={select}
        >
          <option value="">
            {budgets.data ? `${Math.round(budgets.data.windowMs / 60_000)}m (default)` : "default"}
          </option>
          {BUDGET_WINDOWS.map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1.5">
        <span className="text-zinc-600 dark:text-zinc-400">Show</span>
        <select
          value={view.status}
          onChange={(event) => go({ status: event.target.value === "violated" ? "violated" : "all" })}
          className={select}
        >
          <option value="all">all budgets</option>
          <option value="violated">violated only</option>
        </select>
      </label>
    </div>
  );

  let body: ReactNode;
  if (budgets.error && !budgets.data) {
    body = (
      <ErrorPanel
        title="Could not load the budgets"
        error={budgets.error}
        onRetry={() => void budgets.refetch()}
        retrying={budgets.isFetching}
      />
    );
  } else if (!budgets.data) {
    body = (
      <div aria-busy="true" className="flex flex-col gap-2">
        <SkeletonBlock className="h-10" />
        <SkeletonBlock className="h-10" />
        <SkeletonBlock className="h-10" />
      </div>
    );
  } else if (budgets.data.budgets.length === 0) {
    body = (
      <EmptyPanel title="No budgets yet">
        <p>
          Add one above, load a file with <code>BUDGETS_FILE</code>, or check a file from CI with{" "}
          <code>npx tracewell check --budgets budgets.yaml</code> (docs/budgets.md).
        </p>
      </EmptyPanel>
    );
  } else {
    const shown = budgets.data.budgets.filter((b) => view.status === "all" || b.verdict === "violated");
    body =
      shown.length === 0 ? (
        <EmptyPanel title="Every budget holds">
          <p>No budget is violated over the last {windowLabel}.</p>
        </EmptyPanel>
      ) : (
        <BudgetTable
          budgets={shown}
          now={budgets.dataUpdatedAt}
          deleting={remove.isPending ? (remove.variables ?? null) : null}
          onEdit={(budget) => {
            save.reset();
            setEditing(budget);
          }}
          onDelete={(budget) => {
            if (window.confirm(`Delete the budget of ${budget.service} ${budget.endpoint}?`)) {
              if (editing?.id === budget.id) setEditing(null);
              remove.mutate(budget.id);
            }
          }}
        />
      );
  }

  const data = budgets.data;
  return (
    <DashboardShell
      title="Budgets"
      subtitle={
        data
          ? `Each endpoint's objectives against its last ${windowLabel}. A violation lasting ${data.violationMinutes} min, and its recovery, ${data.defaultWebhook ? "are POSTed to the webhook" : "are POSTed to the budget's own webhook if it has one (BUDGET_WEBHOOK_URL is not set)"}.`
          : "Each endpoint's objectives against its recent requests."
      }
      toolbar={toolbar}
    >
      <Panel title="Budgets" description={`Values over the last ${windowLabel}, refreshed every 30 s.`}>
        {remove.error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {remove.error.message}
          </p>
        ) : null}
        {body}
      </Panel>
      <Panel
        title={editing ? `Edit the budget of ${editing.service} ${editing.endpoint}` : "Add a budget"}
        description="Objectives left empty are not checked; at least one is needed."
      >
        <BudgetForm
          editing={editing}
          suggestions={known.data?.endpoints ?? []}
          saving={save.isPending}
          error={save.error}
          onCancel={() => {
            save.reset();
            setEditing(null);
          }}
          onSave={(budget, done) =>
            save.mutate(
              { id: editing?.id ?? null, budget },
              {
                onSuccess: () => {
                  setEditing(null);
                  done();
                },
              },
            )
          }
        />
      </Panel>
    </DashboardShell>
  );
}
