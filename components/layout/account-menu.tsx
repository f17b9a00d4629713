"use client";

import { signOut, useSessionInfo } from "@/lib/hooks/use-session-info";

/**
 * The header's account corner: who is signed in and "Log out"; with UI_AUTH=off a visible notice
 * that anyone who can reach the dashboard can use it.
 */
export function AccountMenu() {
  const { data } = useSessionInfo();
  if (!data) return null;
  if (data.uiAuth === "off") {
    return (
      <span
        role="status"
        title="UI_AUTH=off: no sign-in; anyone who can reach this dashboard can read and change everything. Unset UI_AUTH to require accounts."
        className="shrink-0 rounded-md border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
      >
        Sign-in off
      </span>
    );
  }
  if (!data.user) return null;
  return (
    <div className="flex shrink-0 items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      <span className="hidden max-w-40 truncate md:inline" title={`${data.user.email} (${data.user.role})`}>
        {data.user.email}
      </span>
      <button
        type="button"
        onClick={() => {
          void signOut().finally(() => window.location.assign("/login"));
        }}
        className="rounded-md border border-zinc-300 px-2 py-1 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Log out
      </button>
    </div>
  );
}
