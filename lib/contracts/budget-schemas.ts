// Budgets: GET/POST /api/budgets, PUT/DELETE /api/budgets/{id} (docs/budgets.md), shared by the
// route handlers, lib/hooks/use-budgets.ts and the budgets page.
import { z } from "zod";
import { budgetObjectivesShape, hasObjective, NEEDS_AN_OBJECTIVE } from "@/lib/model/budgets";

/** A budget as stored: objectives null where not set. */
export const storedBudgetSchema = z.object({
  id: z.string(),
  service: z.string(),
  endpoint: z.string(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  errorRate: z.number().nullable(),
  /** where this budget's webhook goes; null: BUDGET_WEBHOOK_URL */
  webhookUrl: z.string().nullable(),
  /** "file": loaded from BUDGETS_FILE at start (a restart overwrites it); "ui": set through the API */
  source: z.enum(["ui", "file"]),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredBudget = z.infer<typeof storedBudgetSchema>;

export const objectiveCheckSchema = z.object({
  name: z.string(),
  objective: z.string(),
  actual: z.string(),
  ok: z.boolean(),
});

/** A budget with its value now (its endpoint over the window) and verdict. */
export const budgetStatusSchema = storedBudgetSchema.extend({
  actual: z
    .object({
      count: z.number(),
      errorRate: z.number(),
      p50Ms: z.number().nullable(),
      p95Ms: z.number().nullable(),
      p99Ms: z.number().nullable(),
    })
    .nullable(),
  /** "unknown": no requests in the window */
  verdict: z.enum(["ok", "violated", "unknown"]),
  objectives: z.array(objectiveCheckSchema),
  violations: z.array(z.string()),
  /** while violated: since when (ISO), as the worker has seen it; null while it holds or before the worker's first check */
  violatedSince: z.string().nullable(),
});
export type BudgetStatus = z.infer<typeof budgetStatusSchema>;

export const budgetsResponseSchema = z.object({
  from: z.number(),
  to: z.number(),
  /** BUDGET_WINDOW in ms: the window each budget's value is measured over */
  windowMs: z.number(),
  /** BUDGET_VIOLATION_MINUTES: a violation this long sends the webhook */
  violationMinutes: z.number(),
  /** BUDGET_WEBHOOK_URL is set */
  defaultWebhook: z.boolean(),
  budgets: z.array(budgetStatusSchema),
});
export type BudgetsResponse = z.infer<typeof budgetsResponseSchema>;

const webhookUrl = z
  .string()
  .url("webhookUrl must be an http(s) URL")
  .refine((url) => /^https?:\/\//i.test(url), "webhookUrl must be an http(s) URL");

/** The body of POST /api/budgets and PUT /api/budgets/{id}: the whole budget (null or absent: not set). */
export const budgetRequestSchema = z
  .strictObject({
    service: z.string().trim().min(1, "name the service (its service.name)").max(500),
    endpoint: z.string().trim().min(1, 'name the endpoint as Tracewell shows it, e.g. "GET /cart"').max(1000),
    p50Ms: budgetObjectivesShape.p50Ms.nullable(),
    p95Ms: budgetObjectivesShape.p95Ms.nullable(),
    p99Ms: budgetObjectivesShape.p99Ms.nullable(),
    errorRate: budgetObjectivesShape.errorRate.nullable(),
    webhookUrl: webhookUrl.nullable().optional(),
  })
  .transform((b) => ({
    service: b.service,
    endpoint: b.endpoint,
    p50Ms: b.p50Ms ?? undefined,
    p95Ms: b.p95Ms ?? undefined,
    p99Ms: b.p99Ms ?? undefined,
    errorRate: b.errorRate ?? undefined,
    webhookUrl: b.webhookUrl || null,
  }))
  .refine(hasObjective, { message: NEEDS_AN_OBJECTIVE });
export type BudgetRequest = z.infer<typeof budgetRequestSchema>;
