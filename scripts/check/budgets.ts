// Latency and error budgets checked from CI (`npm run tracewell-check`): the budgets file, and
// each budget against what GET /api/endpoints reports. Pure, so the table and the exit code are
// unit-tested without a server.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { EndpointSummary } from "@/lib/model/endpoints";

export const budgetSchema = z
  .object({
    service: z.string().min(1),
    endpoint: z.string().min(1),
    p50Ms: z.number().positive().optional(),
    p95Ms: z.number().positive().optional(),
    p99Ms: z.number().positive().optional(),
    /** a share, 0.01 = 1 % */
    errorRate: z.number().min(0).max(1).optional(),
  })
  .refine((b) => b.p50Ms ?? b.p95Ms ?? b.p99Ms ?? b.errorRate, {
    message: "a budget needs at least one of p50Ms, p95Ms, p99Ms, errorRate",
  });
export const budgetsFileSchema = z.object({ budgets: z.array(budgetSchema).min(1) });
export type Budget = z.infer<typeof budgetSchema>;

/** A budgets file's text (YAML, of which JSON is a subset) → its budgets, or an error saying what to fix. */
export function parseBudgets(text: string): Budget[] {
  const parsed = budgetsFileSchema.safeParse(parseYaml(text));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(
      `Invalid budgets file (expected budgets: [{ service, endpoint, p95Ms, errorRate }]):\n${lines.join("\n")}`,
    );
  }
  return parsed.data.budgets;
}

export type Verdict = "ok" | "violated" | "unknown";

export interface BudgetCheck {
  budget: Budget;
  /** null when the endpoint had no requests in the window */
  actual: EndpointSummary | null;
  verdict: Verdict;
  /** the limits exceeded, e.g. "p95 812ms > 500ms" */
  violations: string[];
}

const METRICS = [
  ["p50Ms", "p50"],
  ["p95Ms", "p95"],
  ["p99Ms", "p99"],
] as const;

export function checkBudgets(
  budgets: readonly Budget[],
  endpoints: readonly EndpointSummary[],
): BudgetCheck[] {
  return budgets.map((budget) => {
    const actual =
      endpoints.find((e) => e.service === budget.service && e.endpoint === budget.endpoint) ?? null;
    if (actual === null) return { budget, actual, verdict: "unknown", violations: [] };
    const violations: string[] = [];
    for (const [key, label] of METRICS) {
      const limit = budget[key];
      const value = actual[key];
      if (limit !== undefined && value !== null && value > limit) {
        violations.push(`${label} ${value.toFixed(1)}ms > ${limit}ms`);
      }
    }
    if (budget.errorRate !== undefined && actual.errorRate > budget.errorRate) {
      violations.push(
        `errors ${(actual.errorRate * 100).toFixed(2)}% > ${(budget.errorRate * 100).toFixed(2)}%`,
      );
    }
    return { budget, actual, verdict: violations.length > 0 ? "violated" : "ok", violations };
  });
}

/** 0 every budget holds, 1 one is violated, 2 one could not be checked (no requests in the window). */
export function exitCodeOf(checks: readonly BudgetCheck[]): 0 | 1 | 2 {
  if (checks.some((c) => c.verdict === "unknown")) return 2;
  if (checks.some((c) => c.verdict === "violated")) return 1;
  return 0;
}

export function formatTable(checks: readonly BudgetCheck[]): string {
  const rows = checks.map((c) => [
    c.verdict === "ok" ? "OK" : c.verdict === "violated" ? "VIOLATED" : "UNKNOWN",
    c.budget.service,
    c.budget.endpoint,
    c.actual === null ? "-" : String(c.actual.count),
    c.actual?.p95Ms == null ? "-" : `${c.actual.p95Ms.toFixed(1)}ms`,
    c.budget.p95Ms === undefined ? "-" : `${c.budget.p95Ms}ms`,
    c.verdict === "unknown"
      ? "no requests in the window (is the endpoint name right?)"
      : c.violations.join("; "),
  ]);
  const header = ["status", "service", "endpoint", "requests", "p95", "p95 budget", "detail"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
