// UI_AUTH and SESSION_TTL for the auth routes (lib/config.ts parses them).
import { loadConfig } from "@/lib/config";

export function uiAuthSettings(): { mode: "on" | "off"; sessionTtlMs: number } {
  const { mode, sessionTtlMs } = loadConfig().uiAuth;
  return { mode, sessionTtlMs };
}
