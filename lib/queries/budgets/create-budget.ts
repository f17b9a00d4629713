// POST /api/budgets: a new budget set in the UI; one per service and endpoint.
import { randomUUID } from "node:crypto";
import type { BudgetRequest, StoredBudget } from "@/lib/contracts/budget-schemas";
import { type Db, sql } from "@/lib/db/sql";
import { BadRequestError } from "@/lib/model/request-errors";
import {
  BUDGET_COLUMNS,
  BudgetRow,
  isDuplicateEndpoint,
  toStoredBudget,
} from "@/lib/queries/budgets/budget-row";

export async function createBudget(db: Db, budget: BudgetRequest): Promise<StoredBudget> {
  try {
    const row = await db.one(
      sql`INSERT INTO budgets (id, service_name, endpoint, p50_ms, p95_ms, p99_ms, error_rate, webhook_url, source)
          VALUES (${randomUUID()}, ${budget.service}, ${budget.endpoint}, ${budget.p50Ms ?? null},
                  ${budget.p95Ms ?? null}, ${budget.p99Ms ?? null}, ${budget.errorRate ?? null},
                  ${budget.webhookUrl}, 'ui')
          RETURNING ${BUDGET_COLUMNS}`,
      BudgetRow,
    );
    return toStoredBudget(row as NonNullable<typeof row>);
  } catch (error) {
    if (isDuplicateEndpoint(error)) {
      throw new BadRequestError(
        `${budget.service} ${budget.endpoint} already has a budget: change it with PUT /api/budgets/{id} (ids in GET /api/budgets)`,
      );
    }
    throw error;
  }
}
