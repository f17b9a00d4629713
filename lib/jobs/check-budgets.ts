// The worker's budget check (docs/budgets.md § Webhook): every BUDGET_CHECK_INTERVAL, each budget
// against its endpoint over the last BUDGET_WINDOW (the rollups, as the page and GET /api/budgets
// read them). The state lives in the budgets row — since when it has been violated, what the
// webhook last announced — and a transition queues a webhook delivery in budget_notifications
// (sent by lib/jobs/deliver-budget-webhooks.ts):
//   violated for BUDGET_VIOLATION_MINUTES, not yet announced  → "budget.violated"
//   holds again after an announced violation                  → "budget.recovered"
// A budget without requests in the window keeps its state (no data is not a recovery).
// Several worker processes: a transaction try-lock lets one of them check at a time, and the rows
// are updated in the same transaction as the deliveries are queued, so nothing is sent twice.
import { z } from "zod";
import { AdvisoryLock } from "@/lib/db/advisory-locks";
import { type PoolDb, sql } from "@/lib/db/sql";
import type { BudgetEvaluation, MeasuredEndpoint } from "@/lib/model/budgets";
import { BudgetObjectiveColumns, evaluateBudgetRow } from "@/lib/rollups/budget-values";
import { getEndpointTotals } from "@/lib/rollups/endpoint-totals";

export interface BudgetCheckOptions {
  windowMs: number;
  violationMs: number;
  /** BUDGET_WEBHOOK_URL, for budgets without their own */
  webhookUrl: string | undefined;
}

const StateRow = BudgetObjectiveColumns.extend({ notified_state: z.enum(["ok", "violated"]) });
type State = z.infer<typeof StateRow>;
const Locked = z.object({ locked: z.boolean() });

export type BudgetEvent = "budget.violated" | "budget.recovered";

/** The webhook's JSON body (documented in docs/budgets.md; change both together). */
export function webhookPayload(
  event: BudgetEvent,
  budget: State,
  actual: MeasuredEndpoint | null,
  evaluation: BudgetEvaluation,
  options: { windowMs: number; violatedSince: Date | null; now: Date },
) {
  return {
    event,
    budget: {
      id: budget.id,
      service: budget.service_name,
      endpoint: budget.endpoint,
      p50Ms: budget.p50_ms,
      p95Ms: budget.p95_ms,
      p99Ms: budget.p99_ms,
      errorRate: budget.error_rate,
    },
    actual,
    violations: evaluation.violations,
    violatedSince: options.violatedSince?.toISOString() ?? null,
    recoveredAt: event === "budget.recovered" ? options.now.toISOString() : null,
    windowMs: options.windowMs,
    sentAt: options.now.toISOString(),
  };
}

/** One check of every budget; null when another process holds the check. */
export async function checkBudgetsOnce(
  db: PoolDb,
  options: BudgetCheckOptions,
  nowMs = Date.now(),
): Promise<{ checked: number; queued: number } | null> {
  return db.transaction(async (tx) => {
    const lock = await tx.one(
      sql`SELECT pg_try_advisory_xact_lock(${AdvisoryLock.BUDGET_CHECK}) AS locked`,
      Locked,
    );
    if (!lock?.locked) return null;
    const budgets = await tx.many(
      sql`SELECT id, service_name, endpoint, p50_ms, p95_ms, p99_ms, error_rate, webhook_url,
                 violated_since, notified_state
          FROM budgets ORDER BY id FOR UPDATE`,
      StateRow,
    );
    if (budgets.length === 0) return { checked: 0, queued: 0 };
    const totals = await getEndpointTotals(tx, { from: nowMs - options.windowMs, to: nowMs + 1 });
    const now = new Date(nowMs);
    let queued = 0;
    for (const budget of budgets) {
      const { actual, evaluation } = evaluateBudgetRow(budget, totals);
      let violatedSince = budget.violated_since;
      let notified = budget.notified_state;
      let event: BudgetEvent | null = null;
      if (evaluation.verdict === "violated") {
        violatedSince ??= now;
        if (notified === "ok" && nowMs - violatedSince.getTime() >= options.violationMs) {
          event = "budget.violated";
          notified = "violated";
        }
      } else if (evaluation.verdict === "ok") {
        if (notified === "violated") event = "budget.recovered";
        notified = "ok";
        violatedSince = null;
      }
      const url = budget.webhook_url ?? options.webhookUrl;
      if (event && url) {
        const payload = webhookPayload(event, budget, actual, evaluation, {
          windowMs: options.windowMs,
          violatedSince: event === "budget.recovered" ? budget.violated_since : violatedSince,
          now,
        });
        await tx.execute(
          sql`INSERT INTO budget_notifications (budget_id, event, url, payload)
              VALUES (${budget.id}, ${event}, ${url}, ${JSON.stringify(payload)}::jsonb)`,
        );
        queued++;
      }
      await tx.execute(
        sql`UPDATE budgets SET violated_since = ${violatedSince}, notified_state = ${notified}, checked_at = ${now}
            WHERE id = ${budget.id}`,
      );
    }
    return { checked: budgets.length, queued };
  });
}
