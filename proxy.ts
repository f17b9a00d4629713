// The access gate: Next.js runs this proxy (Next 16's name for middleware, on the Node.js runtime)
// before every page, RSC request, server action and API route, under `npm start`'s custom server
// and `npm run dev` alike. That is why the check lives here and not in the custom server (which
// `next dev` does not use) nor in each handler (which a new route could forget): one place,
// covering every route in app/, checked by test/route-access.db.test.ts. The decision itself is
// lib/auth/access-gate.ts; route handlers receive the caller as `context.principal` (apiRoute)
// through a request header this proxy always overwrites, so a client cannot forge it.
import { type NextRequest, NextResponse } from "next/server";
import { gateRequest } from "@/lib/auth/access-gate";
import { loadConfig } from "@/lib/config";
import { getDb } from "@/lib/db/pool";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { PRINCIPAL_HEADER } from "@/lib/model/principal";

let uiAuth: "on" | "off" | undefined;

export async function proxy(request: NextRequest): Promise<NextResponse> {
  uiAuth ??= loadConfig().uiAuth.mode;
  const { pathname, search } = request.nextUrl;
  const api = pathname.startsWith("/api/");
  let verdict: Awaited<ReturnType<typeof gateRequest>>;
  try {
    verdict = await gateRequest(getDb(), {
      method: request.method,
      pathname,
      search,
      cookie: request.headers.get("cookie"),
      authorization: request.headers.get("authorization"),
      uiAuth,
    });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return refuse(
      503,
      "the database cannot be reached right now, so the session cannot be checked; retry in a few seconds",
      {
        "Retry-After": "5",
      },
    );
  }
  if (verdict.kind === "redirect") {
    return NextResponse.redirect(new URL(verdict.location, request.url), { status: 307 });
  }
  if (verdict.kind === "refuse") {
    if (!api)
      return NextResponse.redirect(
        new URL(`/login?next=${encodeURIComponent(pathname + search)}`, request.url),
      );
    return refuse(verdict.status, verdict.message);
  }
  const headers = new Headers(request.headers);
  headers.set(PRINCIPAL_HEADER, JSON.stringify(verdict.principal));
  return NextResponse.next({ request: { headers } });
}

function refuse(status: number, message: string, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json(
    { error: message },
    { status, headers: { "Cache-Control": "no-store", ...headers } },
  );
}
