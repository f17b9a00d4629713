// What GET/POST /api/budgets need besides the database: the window a budget's value is measured
// over (BUDGET_WINDOW, or ?window=15m), the webhook settings the page explains, and the body parse.
import { loadConfig, parseDuration } from "@/lib/config";
import { type BudgetRequest, budgetRequestSchema } from "@/lib/contracts/budget-schemas";
import { BadRequestError } from "@/lib/model/request-errors";
import type { TimeWindow } from "@/lib/model/time-window";

const MAX_WINDOW_MS = 7 * 86_400_000;

export function budgetSettings() {
  const { budgets } = loadConfig();
  return {
    windowMs: budgets.windowMs,
    violationMinutes: budgets.violationMs / 60_000,
    defaultWebhook: budgets.webhookUrl !== undefined,
  };
}

/** The last BUDGET_WINDOW (or ?window=) up to now: what "the value now" means. */
export function budgetWindow(params: URLSearchParams, defaultMs: number, now = Date.now()): TimeWindow {
  const text = params.get("window");
  let length = defaultMs;
  if (text) {
    try {
      length = parseDuration(text);
    } catch (error) {
      throw new BadRequestError(`window=${(error as Error).message}`);
    }
    if (length <= 0 || length > MAX_WINDOW_MS) {
      throw new BadRequestError(`window="${text}" must be longer than 0 and at most 7d`);
    }
  }
  return { from: now - length, to: now + 1 };
}

/** The JSON body of POST /api/budgets and PUT /api/budgets/{id}, or a 400 saying what to send. */
export async function parseBudgetRequest(request: Request): Promise<BudgetRequest> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    json = undefined;
  }
  const body = budgetRequestSchema.safeParse(json);
  if (!body.success) {
    const problems = body.error.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
      .join("; ");
    throw new BadRequestError(
      `the body must be JSON like {"service": "shop", "endpoint": "GET /cart", "p95Ms": 300, "errorRate": 0.01} (p50Ms, p95Ms, p99Ms, errorRate, webhookUrl optional; at least one objective): ${problems}`,
    );
  }
  return body.data;
}
