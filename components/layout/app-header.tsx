import Link from "next/link";
import { type ReactNode, Suspense } from "react";
import { AccountMenu } from "@/components/layout/account-menu";
import { MainNav, NavLinks } from "@/components/layout/main-nav";
import { TraceIdForm } from "@/components/layout/trace-id-form";
import { ThemeToggle } from "@/components/theme/theme-toggle";

/**
 * The top bar on every page: name, navigation, "go to trace id" and the theme toggle; `children`
 * adds page context after the navigation.
 */
export function AppHeader({ children }: { children?: ReactNode }) {
  return (
    // Wraps onto a second line on a phone (trace id form and theme toggle below the navigation)
    // rather than widening the page.
    <header className="flex min-h-12 shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b border-zinc-200 bg-white px-4 py-2 sm:flex-nowrap sm:py-0 dark:border-zinc-800 dark:bg-zinc-950">
      {/* Not prefetched on every page load: the Overview link prefetches "/" when reached. */}
      <Link
        href="/"
        prefetch={false}
        className="flex items-center gap-2 rounded font-semibold tracking-tight text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-zinc-50"
      >
        <LogoMark />
        <span className="sr-only sm:not-sr-only">Tracewell</span>
      </Link>
      {/* The nav reads the URL's query (to keep the time range), which needs a Suspense boundary. */}
      <Suspense fallback={<NavLinks pathname={null} query="" />}>
        <MainNav />
      </Suspense>
      <div className="hidden min-w-0 flex-1 truncate text-sm text-zinc-500 sm:block dark:text-zinc-400">
        {children}
      </div>
      <div className="ml-auto flex min-w-0 items-center gap-2">
        {/* First: it appears once the session is known, and the group is right-aligned, so the
            controls to its right do not move under a pointer when it does. */}
        <AccountMenu />
        <TraceIdForm />
        <ThemeToggle />
      </div>
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
