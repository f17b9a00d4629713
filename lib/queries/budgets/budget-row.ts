// The budgets row as queries read it, and its API shape (lib/contracts/budget-schemas.ts).
import { z } from "zod";
import type { StoredBudget } from "@/lib/contracts/budget-schemas";
import { raw } from "@/lib/db/sql";
import { BudgetObjectiveColumns } from "@/lib/rollups/budget-values";

export const BUDGET_COLUMNS = raw(`id, service_name, endpoint, p50_ms, p95_ms, p99_ms, error_rate,
  webhook_url, source, created_at, updated_at, violated_since`);

export const BudgetRow = BudgetObjectiveColumns.extend({
  source: z.enum(["ui", "file"]),
  created_at: z.date(),
  updated_at: z.date(),
});
export type BudgetRowShape = z.infer<typeof BudgetRow>;

export function toStoredBudget(row: BudgetRowShape): StoredBudget {
  return {
    id: row.id,
    service: row.service_name,
    endpoint: row.endpoint,
    p50Ms: row.p50_ms,
    p95Ms: row.p95_ms,
    p99Ms: row.p99_ms,
    errorRate: row.error_rate,
    webhookUrl: row.webhook_url,
    source: row.source,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** 23505: the (service, endpoint) unique index; said as how to fix the request. */
export function isDuplicateEndpoint(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "23505";
}
