// PUT /api/budgets/{id} {service, endpoint, p50Ms?, …} – replaces a budget. DELETE – removes it (204).
import { apiRoute } from "@/lib/api/api-route";
import { parseBudgetRequest } from "@/lib/api/budget-settings";
import type { StoredBudget } from "@/lib/contracts/budget-schemas";
import { NotFoundError } from "@/lib/model/request-errors";
import { deleteBudget } from "@/lib/queries/budgets/delete-budget";
import { updateBudget } from "@/lib/queries/budgets/update-budget";

export const PUT = apiRoute<{ id: string }>(async ({ db, params, request }): Promise<StoredBudget> => {
  const updated = await updateBudget(db, params.id, await parseBudgetRequest(request));
  if (!updated) throw new NotFoundError(`no budget with id "${params.id}"`);
  return updated;
});

export const DELETE = apiRoute<{ id: string }>(async ({ db, params }) => {
  if (!(await deleteBudget(db, params.id))) throw new NotFoundError(`no budget with id "${params.id}"`);
  return new Response(null, { status: 204 });
});
