// POST /api/auth/logout – ends this browser's session and clears its cookie (204).
import { apiRoute } from "@/lib/api/api-route";
import { clearedSessionCookieHeader, sessionTokenOf } from "@/lib/api/session-cookie";
import { logOut } from "@/lib/queries/auth/log-out";

export const POST = apiRoute(async ({ db, request }) => {
  const token = sessionTokenOf(request);
  if (token !== null) await logOut(db, token);
  return new Response(null, {
    status: 204,
    headers: { "Set-Cookie": clearedSessionCookieHeader(request), "Cache-Control": "no-store" },
  });
});
