// PUT /api/budgets/{id}: replaces a budget's endpoint, objectives and webhook; it is the UI's from
// then on (a restart with BUDGETS_FILE overwrites it only if the file names its endpoint).
import type { BudgetRequest, StoredBudget } from "@/lib/contracts/budget-schemas";
import { type Db, sql } from "@/lib/db/sql";
import { BadRequestError } from "@/lib/model/request-errors";
import {
  BUDGET_COLUMNS,
  BudgetRow,
  isDuplicateEndpoint,
  toStoredBudget,
} from "@/lib/queries/budgets/budget-row";

/** null when there is no budget with that id. */
export async function updateBudget(db: Db, id: string, budget: BudgetRequest): Promise<StoredBudget | null> {
  try {
    const row = await db.one(
      sql`UPDATE budgets SET service_name = ${budget.service}, endpoint = ${budget.endpoint},
                 p50_ms = ${budget.p50Ms ?? null}, p95_ms = ${budget.p95Ms ?? null},
                 p99_ms = ${budget.p99Ms ?? null}, error_rate = ${budget.errorRate ?? null},
                 webhook_url = ${budget.webhookUrl}, source = 'ui', updated_at = now()
          WHERE id = ${id}
          RETURNING ${BUDGET_COLUMNS}`,
      BudgetRow,
    );
    return row ? toStoredBudget(row) : null;
  } catch (error) {
    if (isDuplicateEndpoint(error)) {
      throw new BadRequestError(
        `${budget.service} ${budget.endpoint} already has another budget: edit or delete that one instead`,
      );
    }
    throw error;
  }
}
