// The one wrapper every route handler goes through: it gives the handler its database handle and
// parsed input, and maps errors to answers (400 with the message that says how to fix the
// request, 404, 410, 503 + Retry-After while the database cannot be reached), so handlers stay ~10 lines: parse → call one lib function → return JSON.
// Access control (issue: security) is enforced here, once, not in each handler: state-changing
// requests from another origin are refused (403); the caller, established by the access gate
// (proxy.ts), is handed over as `principal`, and routes marked `{ admin: true }` refuse anyone
// but an admin (403).
import { NextResponse } from "next/server";
import { getDb, getReadDb } from "@/lib/db/pool";
import type { Db } from "@/lib/db/sql";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { isAdministrator, PRINCIPAL_HEADER, type Principal, principalSchema } from "@/lib/model/principal";
import {
  BadRequestError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from "@/lib/model/request-errors";

export interface ApiContext<Params> {
  request: Request;
  /** the route's dynamic segments, e.g. { traceId } */
  params: Params;
  searchParams: URLSearchParams;
  /**
   * where the handler's queries run: for GET and HEAD the read replica when DATABASE_REPLICA_URL
   * is set, else (and for every write) the primary
   */
  db: Db;
  /** the primary, for what a GET keeps for later (e.g. a large trace's page answer) */
  primaryDb: Db;
  /**
   * who is calling: a signed-in user, a read-only API token, `anonymous` when UI_AUTH=off, or
   * `public` on the paths that need no session (login, setup, health, share links)
   */
  principal: Principal;
}

export interface ApiRouteOptions {
  /** users, keys, tokens, sessions, storage: admins only (anyone when UI_AUTH=off) */
  admin?: boolean;
}

type Handler<Params> = (context: ApiContext<Params>) => Promise<unknown>;

/**
 * A route handler from `serve`. What it returns is sent as JSON (200, not cached); a Response it
 * returns is sent as is (e.g. 201 or 204).
 */
export function apiRoute<Params extends Record<string, string> = Record<string, never>>(
  serve: Handler<Params>,
  options: ApiRouteOptions = {},
) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    const refusal = crossOriginRefusal(request);
    if (refusal) return errorJson(403, refusal);
    const principal = principalOf(request);
    // Fails closed: a request that did not pass the gate (proxy.ts) is nobody.
    if (principal === null) return errorJson(401, "not signed in: sign in at /login");
    if (options.admin && !isAdministrator(principal)) {
      return errorJson(
        403,
        `${request.method} ${new URL(request.url).pathname} is for admins; ask an admin of this Tracewell`,
      );
    }
    try {
      const result = await serve({
        principal,
        request,
        params: await context.params,
        searchParams: new URL(request.url).searchParams,
        db: request.method === "GET" || request.method === "HEAD" ? getReadDb() : getDb(),
        primaryDb: getDb(),
      });
      if (result instanceof Response) return result;
      return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      if (error instanceof BadRequestError) return errorJson(400, error.message);
      if (error instanceof NotFoundError) return errorJson(404, error.message);
      if (error instanceof ForbiddenError) return errorJson(403, error.message);
      if (error instanceof UnauthorizedError) return errorJson(401, error.message);
      if (error instanceof TooManyRequestsError) {
        return errorJson(429, error.message, { "Retry-After": String(error.retryAfterSeconds) });
      }
      if (error instanceof GoneError) return errorJson(410, error.message);
      if (isDatabaseUnavailable(error)) {
        return errorJson(
          503,
          `The database cannot be reached right now (${(error as Error).message}). Tracewell reconnects by itself: retry in a few seconds.`,
          { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
        );
      }
      throw error;
    }
  };
}

function principalOf(request: Request): Principal | null {
  const header = request.headers.get(PRINCIPAL_HEADER);
  if (header === null) return null;
  try {
    const parsed = principalSchema.safeParse(JSON.parse(header));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a state-changing request from another site is refused (CSRF), or null to serve it. Browsers
 * send Origin on every cross-origin POST/DELETE; scripts and curl usually send none, and pass.
 */
export function crossOriginRefusal(request: Request): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = origin === "null" ? null : new URL(origin).host;
    } catch {}
    if (originHost === null || originHost !== host) {
      return `cross-origin ${request.method} refused: Origin ${origin} is not this Tracewell (${host ?? "unknown host"}); send the request from the dashboard's own origin, or without an Origin header from a script`;
    }
    return null;
  }
  if (request.headers.get("sec-fetch-site") === "cross-site") {
    return `cross-site ${request.method} refused: send the request from the dashboard's own origin`;
  }
  return null;
}

/** The same wait the receivers ask for on a 503 (lib/ingest/receivers/ingest-errors.ts). */
const DATABASE_RETRY_AFTER_SECONDS = 5;

function errorJson(status: number, message: string, headers: Record<string, string> = {}): Response {
  return NextResponse.json(
    { error: message },
    { status, headers: { "Cache-Control": "no-store", ...headers } },
  );
}
