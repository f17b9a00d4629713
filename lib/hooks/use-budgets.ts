// useBudgets → GET /api/budgets → getBudgetStatuses → BudgetStatus; useBudgetMutations → POST
// /api/budgets, PUT and DELETE /api/budgets/{id}.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type BudgetsResponse,
  budgetsResponseSchema,
  type StoredBudget,
  storedBudgetSchema,
} from "@/lib/contracts/budget-schemas";
import { fetchApi, retryTransient, sendApi } from "@/lib/hooks/fetch-api";

const budgetsKey = ["budgets"] as const;

/** What the form sends: objectives null where not set. */
export interface BudgetInput {
  service: string;
  endpoint: string;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  errorRate: number | null;
  webhookUrl: string | null;
}

/** Every budget with its value over the last `window` ("15m"; null: BUDGET_WINDOW), refreshed every 30 s. */
export function useBudgets(window: string | null) {
  return useQuery<BudgetsResponse, Error>({
    queryKey: [...budgetsKey, window ?? ""],
    queryFn: ({ signal }) => fetchApi("/api/budgets", { window }, budgetsResponseSchema, signal),
    retry: retryTransient,
    refetchInterval: 30_000,
  });
}

export function useBudgetMutations() {
  const client = useQueryClient();
  const settle = () => void client.invalidateQueries({ queryKey: budgetsKey });
  const save = useMutation<StoredBudget, Error, { id: string | null; budget: BudgetInput }>({
    mutationFn: async ({ id, budget }) =>
      storedBudgetSchema.parse(
        id === null
          ? await sendApi("POST", "/api/budgets", budget)
          : await sendApi("PUT", `/api/budgets/${encodeURIComponent(id)}`, budget),
      ),
    onSettled: settle,
  });
  const remove = useMutation<unknown, Error, string>({
    mutationFn: (id) => sendApi("DELETE", `/api/budgets/${encodeURIComponent(id)}`),
    onSettled: settle,
  });
  return { save, remove };
}
