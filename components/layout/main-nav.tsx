"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { sectionHref } from "@/lib/url-state/dashboard-url";

const sections = [
  {
    href: "/" as const,
    label: "Overview",
    owns: (path: string) => path === "/" || path.startsWith("/endpoints"),
  },
  { href: "/caches" as const, label: "Caches", owns: (path: string) => path.startsWith("/caches") },
  {
    href: "/insights" as const,
    label: "Insights",
    // comparing versions is an insight into a deploy
    owns: (path: string) => path.startsWith("/insights") || path.startsWith("/compare"),
  },
  { href: "/budgets" as const, label: "Budgets", owns: (path: string) => path.startsWith("/budgets") },
  { href: "/traces" as const, label: "Traces", owns: (path: string) => path === "/traces" },
  { href: "/metrics" as const, label: "Metrics", owns: (path: string) => path.startsWith("/metrics") },
  { href: "/pinned" as const, label: "Pinned", owns: (path: string) => path.startsWith("/pinned") },
  { href: "/settings" as const, label: "Settings", owns: (path: string) => path.startsWith("/settings") },
];

/** Overview, Caches, Insights, Budgets, Traces, Metrics and Pinned, keeping the time range and service filter of the page you are on. */
export function MainNav() {
  const pathname = usePathname();
  const search = useSearchParams();
  return <NavLinks pathname={pathname} query={search.toString()} />;
}

/**
 * The links alone: also the fallback while the URL's parameters are not known yet. Takes the query
 * as a string: props from the server header must be serialisable.
 */
export function NavLinks({ pathname, query }: { pathname: string | null; query: string }) {
  const search = new URLSearchParams(query);
  const router = useRouter();
  return (
    // Shrinks and scrolls sideways on a narrow screen rather than widening the page.
    <nav aria-label="Main" className="min-w-0 overflow-x-auto">
      <ul className="flex items-center gap-1 text-sm">
        {sections.map((section) => {
          const current = pathname !== null && section.owns(pathname);
          const href =
            section.href === "/pinned" || section.href === "/settings" || section.href === "/budgets"
              ? section.href
              : sectionHref(section.href, search);
          // Prefetched when the pointer or focus reaches the link, not when the link is drawn: on
          // every page load, eight sections' data and scripts competed with the page's own (a
          // 100k-span trace's answer, during an incident) for the browser's and server's time.
          const prefetch = () => router.prefetch(href);
          return (
            <li key={section.href}>
              <Link
                href={href}
                prefetch={false}
                onMouseEnter={prefetch}
                onFocus={prefetch}
                onTouchStart={prefetch}
                aria-current={current ? "page" : undefined}
                className={`rounded-md px-2.5 py-1.5 font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${
                  current
                    ? "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50"
                    : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
