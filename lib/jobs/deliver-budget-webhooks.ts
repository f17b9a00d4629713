// Sends the budget webhooks queued by lib/jobs/check-budgets.ts: a JSON POST each, retried with
// exponential back-off (BUDGET_WEBHOOK_RETRY_BASE, doubled after each failure, MAX_ATTEMPTS in
// all). One delivery per transaction, taken with FOR UPDATE SKIP LOCKED: several worker processes
// share the queue and never send one twice; a budget's deliveries go out in order (its recovery
// never overtakes its violation while that is being retried).
import { z } from "zod";
import { type PoolDb, sql } from "@/lib/db/sql";

export const MAX_ATTEMPTS = 10;
const TIMEOUT_MS = 10_000;

const Due = z.object({
  id: z.string(),
  event: z.string(),
  url: z.string(),
  payload: z.unknown(),
  attempts: z.number(),
});

/** Sends the oldest due delivery, if any; true when one was attempted (more may be waiting). */
export async function deliverNextBudgetWebhook(db: PoolDb, retryBaseMs: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const due = await tx.one(
      sql`SELECT n.id::text AS id, n.event, n.url, n.payload, n.attempts
          FROM budget_notifications n
          WHERE n.delivered_at IS NULL AND n.failed_at IS NULL AND n.next_attempt_at <= now()
            AND NOT EXISTS (SELECT 1 FROM budget_notifications e
                            WHERE e.budget_id = n.budget_id AND e.id < n.id
                              AND e.delivered_at IS NULL AND e.failed_at IS NULL)
          ORDER BY n.next_attempt_at, n.id
          LIMIT 1
          FOR UPDATE SKIP LOCKED`,
      Due,
    );
    if (!due) return false;
    const error = await post(due.url, due.event, due.payload);
    const attempts = due.attempts + 1;
    if (error === null) {
      await tx.execute(
        sql`UPDATE budget_notifications SET delivered_at = now(), attempts = ${attempts}, last_error = NULL
            WHERE id = ${due.id}::bigint`,
      );
    } else {
      const delayMs = retryBaseMs * 2 ** (attempts - 1);
      await tx.execute(
        sql`UPDATE budget_notifications
            SET attempts = ${attempts}, last_error = ${error},
                failed_at = CASE WHEN ${attempts}::int >= ${MAX_ATTEMPTS}::int THEN now() END,
                next_attempt_at = now() + make_interval(secs => ${delayMs / 1000}::float8)
            WHERE id = ${due.id}::bigint`,
      );
    }
    return true;
  });
}

/** null when the receiver answered 2xx; otherwise what went wrong. */
async function post(url: string, event: string, payload: unknown): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Tracewell budgets",
        "x-tracewell-event": event,
      },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return (error as Error).message;
  }
}
