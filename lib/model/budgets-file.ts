// A budgets file (YAML, of which JSON is a subset): `budgets: [{ service, endpoint, p95Ms, errorRate }]`.
// Read by the CI check (`tracewell check --budgets FILE`) and at start from BUDGETS_FILE. Errors
// name the offending entry and say what to write instead.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { type Budget, budgetSchema } from "@/lib/model/budgets";

const EXPECTED = "expected budgets: [{ service, endpoint, p50Ms?, p95Ms?, p99Ms?, errorRate? }]";

const budgetsFileSchema = z.object({
  budgets: z.array(budgetSchema).min(1, "list at least one budget"),
});

export class BudgetsFileError extends Error {
  override name = "BudgetsFileError";
}

/** A budgets file's text → its budgets; throws a BudgetsFileError saying what to fix. */
export function parseBudgetsFile(text: string): Budget[] {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    // yaml's first line says where: "… at line 3, column 1:"
    throw new BudgetsFileError(`Invalid budgets file: not YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new BudgetsFileError(`Invalid budgets file: ${EXPECTED} at the top of the file`);
  }
  const parsed = budgetsFileSchema.safeParse(document);
  if (parsed.success) {
    const seen = new Map<string, number>();
    parsed.data.budgets.forEach((budget, index) => {
      const key = `${budget.service}\u0000${budget.endpoint}`;
      const first = seen.get(key);
      if (first !== undefined) {
        throw new BudgetsFileError(
          `Invalid budgets file:\n  budgets[${index}] (${budget.service} ${budget.endpoint}): the same endpoint as budgets[${first}]; keep one budget per endpoint`,
        );
      }
      seen.set(key, index);
    });
    return parsed.data.budgets;
  }
  const entries = (document as { budgets?: unknown } | null)?.budgets;
  const lines = parsed.error.issues.map((issue) => {
    const [, index] = issue.path;
    const entry = Array.isArray(entries) && typeof index === "number" ? entries[index] : undefined;
    const label =
      entry && typeof entry === "object"
        ? ` (${String((entry as Record<string, unknown>).service ?? "?")} ${String((entry as Record<string, unknown>).endpoint ?? "?")})`
        : "";
    const path = issue.path.length === 0 ? "(file)" : formatPath(issue.path);
    return `  ${path}${label}: ${issue.message}`;
  });
  throw new BudgetsFileError(`Invalid budgets file (${EXPECTED}):\n${lines.join("\n")}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}
