// GET /api/budgets?window=15m – every budget with its value now, verdict and since when violated.
// POST /api/budgets {service, endpoint, p50Ms?, p95Ms?, p99Ms?, errorRate?, webhookUrl?} – a new budget (201).
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/api-route";
import { budgetSettings, budgetWindow, parseBudgetRequest } from "@/lib/api/budget-settings";
import type { BudgetsResponse, StoredBudget } from "@/lib/contracts/budget-schemas";
import { createBudget } from "@/lib/queries/budgets/create-budget";
import { getBudgetStatuses } from "@/lib/queries/budgets/get-budget-statuses";

export const GET = apiRoute(async ({ db, searchParams }): Promise<BudgetsResponse> => {
  const settings = budgetSettings();
  const window = budgetWindow(searchParams, settings.windowMs);
  return { ...window, ...settings, budgets: await getBudgetStatuses(db, window) };
});

export const POST = apiRoute(async ({ db, request }) => {
  const created: StoredBudget = await createBudget(db, await parseBudgetRequest(request));
  return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
