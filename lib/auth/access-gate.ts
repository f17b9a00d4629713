// The one access decision for every page and API request (called by proxy.ts): public paths pass,
// everything else needs a live session cookie, or, for GET /api/*, a read-only API token.
// Refusals: API → 401 JSON saying how to sign in; pages → redirect to /login?next=….
import { apiTokenPrincipal } from "@/lib/auth/api-tokens";
import { bearerToken } from "@/lib/auth/secret-token";
import { sessionPrincipal } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/sql";
import { type Principal, sessionTokenFromCookies } from "@/lib/model/principal";

/** Served without a session; each checks what it needs itself (a setup token, a share token). */
const PUBLIC_EXACT = new Set([
  "/login",
  "/setup",
  "/api/health",
  "/api/auth/login",
  "/api/auth/setup",
  "/manifest.webmanifest",
  "/icon.svg",
  "/apple-icon.png",
  "/favicon.ico",
]);
/** Next's build output, and public trace share links (they check their own token). */
const PUBLIC_PREFIXES = ["/_next/static/", "/_next/image", "/share/", "/api/share/"];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_EXACT.has(pathname) || PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

export type GateVerdict =
  | { kind: "allow"; principal: Principal }
  | { kind: "refuse"; status: 401 | 403; message: string }
  | { kind: "redirect"; location: string };

export interface GateRequest {
  method: string;
  pathname: string;
  /** "?a=b" or "" */
  search: string;
  cookie: string | null;
  authorization: string | null;
  uiAuth: "on" | "off";
}

const SIGN_IN =
  "sign in at /login (the browser keeps a session cookie), or send a read-only API token as `Authorization: Bearer twr_…` on GET requests (create one on /settings as an admin)";

export async function gateRequest(db: Db, request: GateRequest): Promise<GateVerdict> {
  if (isPublicPath(request.pathname)) return { kind: "allow", principal: { kind: "public" } };
  if (request.uiAuth === "off") return { kind: "allow", principal: { kind: "anonymous" } };
  const api = request.pathname === "/api" || request.pathname.startsWith("/api/");

  const session = sessionTokenFromCookies(request.cookie);
  const fromSession = session === null ? null : await sessionPrincipal(db, session);
  if (fromSession) return { kind: "allow", principal: fromSession };

  const bearer = api ? bearerToken(request.authorization) : null;
  if (bearer !== null) {
    const fromToken = await apiTokenPrincipal(db, bearer);
    if (!fromToken) {
      const hint = bearer.startsWith("twk_") ? " (that is an ingest key, for OTLP only)" : "";
      return {
        kind: "refuse",
        status: 401,
        message: `the API token is not known, revoked or expired${hint}; ${SIGN_IN}`,
      };
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      return {
        kind: "refuse",
        status: 403,
        message: `API tokens are read-only: ${request.method} ${request.pathname} needs a signed-in user (sign in at /login)`,
      };
    }
    return { kind: "allow", principal: fromToken };
  }
  if (api) {
    const why = session === null ? "this API needs a session" : "the session has expired or was ended";
    return { kind: "refuse", status: 401, message: `${why}: ${SIGN_IN}` };
  }
  return {
    kind: "redirect",
    location: `/login?next=${encodeURIComponent(request.pathname + request.search)}`,
  };
}
