// Who is calling: the access gate (proxy.ts) works it out once per request and hands it to route
// handlers as `context.principal` (lib/api/api-route.ts) through the PRINCIPAL_HEADER request
// header, which the gate always overwrites so a client cannot forge it.
import { z } from "zod";

export const USER_ROLES = ["admin", "viewer"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const principalSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), userId: z.string(), role: z.enum(USER_ROLES), sessionId: z.string() }),
  /** a read-only API token (GET /api/* only) */
  z.object({ kind: z.literal("token"), tokenId: z.string() }),
  /** UI_AUTH=off: a single-user local setup, allowed everything */
  z.object({ kind: z.literal("anonymous") }),
  /** a public path (login, setup, health, share links): nobody in particular */
  z.object({ kind: z.literal("public") }),
]);
export type Principal = z.infer<typeof principalSchema>;

export const PRINCIPAL_HEADER = "x-tracewell-principal";
export const SESSION_COOKIE = "tracewell_session";

/** Users, keys, tokens, sessions, storage: admins, or anyone when UI auth is off. */
export function isAdministrator(principal: Principal): boolean {
  return principal.kind === "anonymous" || (principal.kind === "user" && principal.role === "admin");
}

/** The session token in a Cookie header, if any. */
export function sessionTokenFromCookies(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === SESSION_COOKIE)
      return part.slice(index + 1).trim() || null;
  }
  return null;
}
