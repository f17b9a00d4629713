// The colour theme: an explicit choice in localStorage, else the system preference, applied as
// the `dark` class on <html> (Tailwind's class strategy, see app/globals.css).

export type Theme = "light" | "dark";

export const themeStorageKey = "tracewell-theme";

const darkQuery = "(prefers-color-scheme: dark)";

/**
 * Runs in <head> before the first paint (see ThemeScript), so it must stay self-contained ES5
 * with no imports; it mirrors readTheme + applyTheme below.
 */
export const themeInitScript = `(function(){try{var s=localStorage.getItem(${JSON.stringify(themeStorageKey)});var d=s==="dark"||(s!=="light"&&window.matchMedia(${JSON.stringify(darkQuery)}).matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})();`;

function storedTheme(): Theme | null {
  try {
    const value = window.localStorage.getItem(themeStorageKey);
    return value === "dark" || value === "light" ? value : null;
  } catch {
    // Storage can be disabled (privacy settings, sandboxed frames): fall back to the system.
    return null;
  }
}

export function readTheme(): Theme {
  return storedTheme() ?? (window.matchMedia(darkQuery).matches ? "dark" : "light");
}

export function applyTheme(theme: Theme): void {
  document.documentElement.classList.toggle("dark", theme === "dark");
}

const listeners = new Set<() => void>();

export function saveTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(themeStorageKey, theme);
  } catch {
    // Not persisted, but the page still switches.
  }
  applyTheme(theme);
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore: fires on a toggle here, in another tab, or in the system setting. */
export function subscribeTheme(onChange: () => void): () => void {
  const media = window.matchMedia(darkQuery);
  const onSystemChange = () => {
    if (storedTheme() === null) applyTheme(readTheme());
    onChange();
  };
  const onStorage = (event: StorageEvent) => {
    if (event.key !== themeStorageKey) return;
    applyTheme(readTheme());
    onChange();
  };
  listeners.add(onChange);
  media.addEventListener("change", onSystemChange);
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(onChange);
    media.removeEventListener("change", onSystemChange);
    window.removeEventListener("storage", onStorage);
  };
}
