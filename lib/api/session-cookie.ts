// The session cookie: httpOnly (no script reads it), SameSite=Lax (not sent on other sites'
// POSTs), Path=/, Secure when the dashboard is served over https (directly or behind a proxy
// that sets X-Forwarded-Proto: https), expiring with the session.
import { SESSION_COOKIE, sessionTokenFromCookies } from "@/lib/model/principal";

function secure(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || new URL(request.url).protocol === "https:";
}

export function sessionCookieHeader(request: Request, token: string, expiresAt: Date): string {
  const attributes = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (secure(request)) attributes.push("Secure");
  return attributes.join("; ");
}

export function clearedSessionCookieHeader(request: Request): string {
  return sessionCookieHeader(request, "", new Date(0));
}

/** The session token of the request's cookie, if any. */
export function sessionTokenOf(request: Request): string | null {
  return sessionTokenFromCookies(request.headers.get("cookie"));
}

/**
 * Who is signing in, for the per-address rate limit: the socket address the custom server
 * records (it overwrites the header, so a client cannot pick one), else "unknown".
 */
export function clientAddress(request: Request): string {
  return request.headers.get("x-tracewell-client-address") ?? "unknown";
}

/** What a new session records about the browser, and how long it lives (SESSION_TTL). */
export function newSessionOptions(
  request: Request,
  ttlMs: number,
): { address: string; userAgent: string | null; ttlMs: number } {
  return { address: clientAddress(request), userAgent: request.headers.get("user-agent"), ttlMs };
}

/** 204 that signs the browser in: the session's cookie, never cached. */
export function signedInResponse(request: Request, session: { token: string; expiresAt: Date }): Response {
  return new Response(null, {
    status: 204,
    headers: {
      "Set-Cookie": sessionCookieHeader(request, session.token, session.expiresAt),
      "Cache-Control": "no-store",
    },
  });
}
