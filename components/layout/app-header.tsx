import Link from "next/link";
import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/theme/theme-toggle";

/** The top bar on every page; `children` adds page context (e.g. the trace id) after the name. */
export function AppHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-zinc-200 bg-white px-4 dark:border-zinc-800 dark:bg-zinc-950">
      <Link
        href="/"
        className="flex items-center gap-2 rounded font-semibold tracking-tight text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-zinc-50"
      >
        <LogoMark />
        Tracewell
      </Link>
      <div className="min-w-0 flex-1 truncate text-sm text-zinc-500 dark:text-zinc-400">{children}</div>
      <ThemeToggle />
    </header>
  );
}

function LogoMark() {
  return (
    <svg viewBox="0 0 20 20" className="size-5" aria-hidden="true">
      <rect x="1" y="3" width="12" height="3" rx="1" className="fill-blue-600" />
      <rect x="5" y="8.5" width="9" height="3" rx="1" className="fill-orange-500" />
      <rect x="8" y="14" width="11" height="3" rx="1" className="fill-green-600" />
    </svg>
  );
}
