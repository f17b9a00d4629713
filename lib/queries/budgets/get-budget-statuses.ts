// GET /api/budgets: every budget with its value now — its endpoint over the window, from the
// rollups (the same figures as GET /api/endpoints) — its verdict, and since when it has been
// violated (as the worker recorded it, lib/jobs/check-budgets.ts).
import type { BudgetStatus } from "@/lib/contracts/budget-schemas";
import { type Db, sql } from "@/lib/db/sql";
import type { TimeWindow } from "@/lib/model/time-window";
import { BUDGET_COLUMNS, BudgetRow, toStoredBudget } from "@/lib/queries/budgets/budget-row";
import { evaluateBudgetRow } from "@/lib/rollups/budget-values";
import { getEndpointTotals } from "@/lib/rollups/endpoint-totals";

export async function getBudgetStatuses(db: Db, window: TimeWindow): Promise<BudgetStatus[]> {
  const [rows, totals] = await Promise.all([
    db.many(sql`SELECT ${BUDGET_COLUMNS} FROM budgets ORDER BY service_name, endpoint LIMIT 1000`, BudgetRow),
    getEndpointTotals(db, window),
  ]);
  return rows.map((row) => {
    const { actual, evaluation } = evaluateBudgetRow(row, totals);
    return {
      ...toStoredBudget(row),
      actual,
      ...evaluation,
      violatedSince: evaluation.verdict === "violated" ? (row.violated_since?.toISOString() ?? null) : null,
    };
  });
}
