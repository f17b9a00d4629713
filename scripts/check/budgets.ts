// Latency and error budgets checked from CI (`npm run tracewell -- check`): each budget of a file
// against what GET /api/endpoints reports, the table and the exit code. Pure, so the table and the
// exit code are unit-tested without a server; the rule itself is lib/model/budgets.ts, shared
// with the budgets page and the webhook.
import { type Budget, type BudgetEvaluation, evaluateBudget } from "@/lib/model/budgets";
import { parseBudgetsFile } from "@/lib/model/budgets-file";
import type { EndpointSummary } from "@/lib/model/endpoints";

export type { Budget, Verdict } from "@/lib/model/budgets";

/** A budgets file's text (YAML or JSON) → its budgets, or an error naming the entry to fix. */
export const parseBudgets = parseBudgetsFile;

export interface BudgetCheck extends BudgetEvaluation {
  budget: Budget;
  /** null when the endpoint had no requests in the window */
  actual: EndpointSummary | null;
}

export function checkBudgets(
  budgets: readonly Budget[],
  endpoints: readonly EndpointSummary[],
): BudgetCheck[] {
  return budgets.map((budget) => {
    const actual =
      endpoints.find((e) => e.service === budget.service && e.endpoint === budget.endpoint) ?? null;
    return { budget, actual, ...evaluateBudget(budget, actual) };
  });
}

/** 0 every budget holds, 1 one is violated, 2 one could not be checked (no requests in the window). */
export function exitCodeOf(checks: readonly BudgetCheck[]): 0 | 1 | 2 {
  if (checks.some((c) => c.verdict === "unknown")) return 2;
  if (checks.some((c) => c.verdict === "violated")) return 1;
  return 0;
}

/**
 * One row per budget: status, service, endpoint, requests, p95 and its budget (the usual
 * objective), then every objective with its actual value, the exceeded ones first.
 */
export function formatTable(checks: readonly BudgetCheck[]): string {
  const rows = checks.map((c) => [
    c.verdict === "ok" ? "OK" : c.verdict === "violated" ? "VIOLATED" : "UNKNOWN",
    c.budget.service,
    c.budget.endpoint,
    c.actual === null ? "-" : String(c.actual.count),
    c.actual?.p95Ms == null ? "-" : `${c.actual.p95Ms.toFixed(1)}ms`,
    c.budget.p95Ms === undefined ? "-" : `${c.budget.p95Ms}ms`,
    c.verdict === "unknown"
      ? "no requests in the window (is the endpoint name right?)"
      : [
          ...c.violations,
          ...c.objectives.filter((o) => o.ok).map((o) => `${o.name} ${o.actual} ≤ ${o.objective}`),
        ].join("; "),
  ]);
  const header = [
    "status",
    "service",
    "endpoint",
    "requests",
    "p95",
    "p95 budget",
    "objectives (actual vs budget)",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
