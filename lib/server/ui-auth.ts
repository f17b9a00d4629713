// Who may use the dashboard (UI_AUTH). On a start with no user yet, either the admin named by
// TRACEWELL_ADMIN_EMAIL/TRACEWELL_ADMIN_PASSWORD is created (containers, CI), or a one-time
// setup link is printed that creates the admin in the browser. Several processes starting at
// once agree through an advisory lock: one admin, one (newest) link.
import type http from "node:http";
import { type GateVerdict, gateRequest } from "@/lib/auth/access-gate";
import { replaceSetupToken } from "@/lib/auth/setup-token";
import { countUsers, insertUser, normalizeEmail } from "@/lib/auth/users";
import type { TracewellConfig } from "@/lib/config";
import { AdvisoryLock } from "@/lib/db/advisory-locks";
import { type Db, type PoolDb, sql } from "@/lib/db/sql";

export async function ensureAdmin(
  db: PoolDb,
  config: TracewellConfig,
  dashboardUrl: string | null,
  log: (line: string) => void,
): Promise<void> {
  if (config.uiAuth.mode === "off") {
    log(
      "UI_AUTH=off: anyone who can reach the dashboard may read and change everything (single-user local use only)",
    );
    return;
  }
  const admin = config.uiAuth.admin;
  const outcome = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${AdvisoryLock.FIRST_ADMIN})`);
    if (admin) {
      const created = await insertUser(tx, { email: admin.email, password: admin.password, role: "admin" });
      return created ? ({ kind: "provisioned" } as const) : ({ kind: "exists" } as const);
    }
    if ((await countUsers(tx)) > 0) return { kind: "exists" } as const;
    return { kind: "setup", token: await replaceSetupToken(tx) } as const;
  });
  if (outcome.kind === "provisioned" && admin) {
    log(`Created the admin ${normalizeEmail(admin.email)} (TRACEWELL_ADMIN_EMAIL); sign in at /login`);
  } else if (outcome.kind === "setup") {
    const base = dashboardUrl ?? "the dashboard";
    log(
      "No user yet: open this one-time link to create the admin account (valid 24 h, or until the next start):",
    );
    log(`  ${base}/setup?token=${outcome.token}`);
    log("  (or set TRACEWELL_ADMIN_EMAIL and TRACEWELL_ADMIN_PASSWORD to create it without a browser)");
  }
}

/**
 * The access decision (lib/auth/access-gate.ts, applied to Next by proxy.ts) for a request the
 * custom server answers itself, judged as if it were for `target` (the request's URL, as the
 * caller parsed it, or the path it stands for).
 */
export function gateNodeRequest(
  db: Db,
  request: http.IncomingMessage,
  uiAuth: "on" | "off",
  target: { pathname: string; search: string },
): Promise<GateVerdict> {
  return gateRequest(db, {
    method: request.method ?? "GET",
    pathname: target.pathname,
    search: target.search,
    cookie: request.headers.cookie ?? null,
    authorization: request.headers.authorization ?? null,
    uiAuth,
  });
}

/**
 * A handler the custom server answers itself (Prometheus text on PORT/metrics), behind the same
 * decision as every page and API route.
 */
export function gatedHandler(
  db: PoolDb,
  uiAuth: "on" | "off",
  serve: (request: http.IncomingMessage, response: http.ServerResponse) => unknown,
): (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void> {
  return async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    // Judged as an API read: a session or a read-only API token, never a redirect.
    const verdict = await gateNodeRequest(db, request, uiAuth, {
      pathname: `/api${url.pathname}`,
      search: url.search,
    }).catch(
      () => ({ kind: "refuse", status: 503, message: "cannot check access now; retry shortly" }) as const,
    );
    if (verdict.kind === "allow") {
      await serve(request, response);
      return;
    }
    const status = verdict.kind === "refuse" ? verdict.status : 401;
    const message = verdict.kind === "refuse" ? verdict.message : "sign in first";
    response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    response.end(JSON.stringify({ error: message }));
  };
}
