// A budget's value now and its verdict, from the rollups: the one place the budgets page
// (lib/queries/budgets/get-budget-statuses.ts) and the worker (lib/jobs/check-budgets.ts) compute
// it, so the page and the webhook never disagree. The rule itself is lib/model/budgets.ts.
import { z } from "zod";
import { type BudgetEvaluation, evaluateBudget, type MeasuredEndpoint } from "@/lib/model/budgets";
import { endpointKey } from "@/lib/model/composite-key";
import type { EndpointTotals } from "@/lib/rollups/endpoint-totals";

/** The columns of `budgets` that say what is checked; queries extend it with what they read. */
export const BudgetObjectiveColumns = z.object({
  id: z.string(),
  service_name: z.string(),
  endpoint: z.string(),
  p50_ms: z.number().nullable(),
  p95_ms: z.number().nullable(),
  p99_ms: z.number().nullable(),
  error_rate: z.number().nullable(),
  webhook_url: z.string().nullable(),
  violated_since: z.date().nullable(),
});

export function evaluateBudgetRow(
  row: z.infer<typeof BudgetObjectiveColumns>,
  totals: ReadonlyMap<string, EndpointTotals>,
): { actual: MeasuredEndpoint | null; evaluation: BudgetEvaluation } {
  const measured = totals.get(endpointKey(row.service_name, row.endpoint));
  const actual = measured
    ? {
        count: measured.requests,
        errorRate: measured.requests > 0 ? measured.errors / measured.requests : 0,
        ...measured.histogram.percentilesMs(),
      }
    : null;
  const evaluation = evaluateBudget(
    {
      p50Ms: row.p50_ms ?? undefined,
      p95Ms: row.p95_ms ?? undefined,
      p99Ms: row.p99_ms ?? undefined,
      errorRate: row.error_rate ?? undefined,
    },
    actual,
  );
  return { actual, evaluation };
}
