// Latency and error budgets (docs/budgets.md): per-endpoint objectives and the one rule that says
// whether an endpoint's figures hold them. Shared by the CI check (scripts/check), the API and
// page (lib/queries/budgets) and the worker that sends the webhook (lib/jobs/check-budgets.ts).
import { z } from "zod";

/** The objectives of one budget; each is optional, at least one is set. */
export const budgetObjectivesShape = {
  p50Ms: z.number().positive("must be a positive number of milliseconds").optional(),
  p95Ms: z.number().positive("must be a positive number of milliseconds").optional(),
  p99Ms: z.number().positive("must be a positive number of milliseconds").optional(),
  /** a share, 0.01 = 1 % */
  errorRate: z
    .number()
    .min(0, "must be a share from 0 to 1 (0.01 = 1 %)")
    .max(1, "must be a share from 0 to 1 (0.01 = 1 %)")
    .optional(),
};

export const NEEDS_AN_OBJECTIVE = "a budget needs at least one of p50Ms, p95Ms, p99Ms, errorRate";

export const hasObjective = (b: BudgetObjectives) =>
  b.p50Ms !== undefined || b.p95Ms !== undefined || b.p99Ms !== undefined || b.errorRate !== undefined;

export const budgetSchema = z
  .strictObject({
    service: z.string().min(1, "name the service (its service.name)"),
    endpoint: z.string().min(1, 'name the endpoint as Tracewell shows it, e.g. "GET /cart"'),
    ...budgetObjectivesShape,
  })
  .refine(hasObjective, { message: NEEDS_AN_OBJECTIVE });
export type Budget = z.infer<typeof budgetSchema>;

export interface BudgetObjectives {
  p50Ms?: number | undefined;
  p95Ms?: number | undefined;
  p99Ms?: number | undefined;
  errorRate?: number | undefined;
}

/** What an endpoint measured over the window (from GET /api/endpoints or the rollups). */
export interface MeasuredEndpoint {
  count: number;
  errorRate: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** "unknown": the endpoint had no requests in the window, so the budget cannot be checked. */
export type Verdict = "ok" | "violated" | "unknown";

export interface ObjectiveCheck {
  /** "p50", "p95", "p99" or "errors" */
  name: string;
  /** e.g. "500ms", "1.00%" */
  objective: string;
  /** e.g. "812.0ms", "0.50%"; "-" without requests */
  actual: string;
  ok: boolean;
}

export interface BudgetEvaluation {
  verdict: Verdict;
  /** every objective with its actual value */
  objectives: ObjectiveCheck[];
  /** the limits exceeded, e.g. "p95 812.0ms > 500ms" */
  violations: string[];
}

const LATENCIES = [
  ["p50Ms", "p50"],
  ["p95Ms", "p95"],
  ["p99Ms", "p99"],
] as const;

const percent = (share: number) => `${(share * 100).toFixed(2)}%`;

export function evaluateBudget(budget: BudgetObjectives, actual: MeasuredEndpoint | null): BudgetEvaluation {
  const measured = actual !== null && actual.count > 0 ? actual : null;
  const objectives: ObjectiveCheck[] = [];
  for (const [key, name] of LATENCIES) {
    const limit = budget[key];
    if (limit === undefined) continue;
    const value = measured?.[key] ?? null;
    objectives.push({
      name,
      objective: `${limit}ms`,
      actual: value === null ? "-" : `${value.toFixed(1)}ms`,
      ok: value === null || value <= limit,
    });
  }
  if (budget.errorRate !== undefined) {
    objectives.push({
      name: "errors",
      objective: percent(budget.errorRate),
      actual: measured === null ? "-" : percent(measured.errorRate),
      ok: measured === null || measured.errorRate <= budget.errorRate,
    });
  }
  const violations = objectives.filter((o) => !o.ok).map((o) => `${o.name} ${o.actual} > ${o.objective}`);
  const verdict = measured === null ? "unknown" : violations.length > 0 ? "violated" : "ok";
  return { verdict, objectives, violations };
}
