"use client";

import { useLayoutEffect, useSyncExternalStore } from "react";
import { applyTheme, readTheme, saveTheme, subscribeTheme, type Theme } from "@/components/theme/theme";

// The server cannot know the theme; null renders a neutral button until hydration.
const serverTheme = (): Theme | null => null;

export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribeTheme, readTheme, serverTheme);

  // React's development-mode remount resets <html>'s attributes, dropping the class the inline
  // script set; put it back before paint. A no-op in production.
  useLayoutEffect(() => {
    applyTheme(readTheme());
  }, []);

  const next: Theme = theme === "dark" ? "light" : "dark";
  const label = theme === null ? "Toggle dark mode" : `Switch to ${next} theme`;
  return (
    <button
      type="button"
      onClick={() => saveTheme(next)}
      aria-label={label}
      title={label}
      className="inline-flex size-9 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white"
    >
      {theme === "dark" ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}

function SunIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      className="size-5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.93 4.93l1.41 1.41M17.66 17.66l1.41 1.41M2 12h2M20 12h2M4.93 19.07l1.41-1.41M17.66 6.34l1.41-1.41" />
    </svg>
  );
}

function MoonIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      className="size-5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M21 12.79A9 9 0 1 1 11.21 3 7 7 0 0 0 21 12.79z" />
    </svg>
  );
}
