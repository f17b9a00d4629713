// The budgets page's view state, all in the URL: `/budgets?window=15m&status=violated`.
// window: how far back a budget's value is measured (default: the server's BUDGET_WINDOW);
// status: all budgets, or only the violated ones.

export const BUDGET_WINDOWS = ["5m", "15m", "1h", "6h", "24h"] as const;
export type BudgetStatusFilter = "all" | "violated";

export interface BudgetsView {
  /** null: the server's BUDGET_WINDOW */
  window: string | null;
  status: BudgetStatusFilter;
}

export function parseBudgetsView(search: URLSearchParams): BudgetsView {
  const window = search.get("window");
  return {
    window: window !== null && (BUDGET_WINDOWS as readonly string[]).includes(window) ? window : null,
    status: search.get("status") === "violated" ? "violated" : "all",
  };
}

export function budgetsHref(view: BudgetsView): string {
  const next = new URLSearchParams();
  if (view.window !== null) next.set("window", view.window);
  if (view.status !== "all") next.set("status", view.status);
  const query = next.toString();
  return query ? `/budgets?${query}` : "/budgets";
}

/** "12m", "3h 5m", "2d 4h": how long a budget has been violated. */
export function formatViolatedFor(sinceIso: string, nowMs: number): string {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(sinceIso)) / 60_000));
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days}d` : `${days}d ${hours % 24}h`;
}
