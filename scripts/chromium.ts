// How scripts launch Chromium: the same choice as playwright.config.ts (CHROMIUM_PATH, else the
// system package, else Playwright's own browser where installed), never a download.
import { existsSync } from "node:fs";
import type { LaunchOptions } from "@playwright/test";

export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath =
    process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  return {
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  };
}
