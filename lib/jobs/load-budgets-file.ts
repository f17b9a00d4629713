// BUDGETS_FILE at start: the file's budgets are upserted by service and endpoint (source "file"):
// their objectives replace the stored ones, budgets the file does not name are left alone, a
// budget's webhook URL set in the UI is kept. Idempotent, so every process may run it.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Db, sql } from "@/lib/db/sql";
import { parseBudgetsFile } from "@/lib/model/budgets-file";

/** How many budgets the file holds; throws (naming the entry) when the file cannot be used. */
export async function loadBudgetsFile(db: Db, file: string): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`BUDGETS_FILE: cannot read ${file}: ${(error as Error).message}`);
  }
  let budgets: ReturnType<typeof parseBudgetsFile>;
  try {
    budgets = parseBudgetsFile(text);
  } catch (error) {
    throw new Error(`BUDGETS_FILE ${file}: ${(error as Error).message}`);
  }
  for (const budget of budgets) {
    await db.execute(
      sql`INSERT INTO budgets (id, service_name, endpoint, p50_ms, p95_ms, p99_ms, error_rate, source)
          VALUES (${randomUUID()}, ${budget.service}, ${budget.endpoint}, ${budget.p50Ms ?? null},
                  ${budget.p95Ms ?? null}, ${budget.p99Ms ?? null}, ${budget.errorRate ?? null}, 'file')
          ON CONFLICT (service_name, endpoint) DO UPDATE
          SET p50_ms = EXCLUDED.p50_ms, p95_ms = EXCLUDED.p95_ms, p99_ms = EXCLUDED.p99_ms,
              error_rate = EXCLUDED.error_rate, source = 'file', updated_at = now()`,
    );
  }
  return budgets.length;
}
