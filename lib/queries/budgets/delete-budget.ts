// DELETE /api/budgets/{id}: the budget, its state and its pending webhook deliveries go.
import { type Db, sql } from "@/lib/db/sql";

/** false when there is no budget with that id. */
export async function deleteBudget(db: Db, id: string): Promise<boolean> {
  return (await db.execute(sql`DELETE FROM budgets WHERE id = ${id}`)) > 0;
}
