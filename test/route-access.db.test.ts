// Every route in app/ (each page.tsx and each exported method of each route.ts, dynamic segments
// filled) refuses a caller without a session on a Tracewell with UI_AUTH=on: API routes with 401
// JSON saying how to sign in, pages with a redirect to /login?next=…. Only the public list passes.
// The routes are found by walking app/, so a new route that forgets access control fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthTracewell, signIn, startAuthTracewell } from "@/test/support/auth-tracewell";

const APP = path.resolve(import.meta.dirname, "../app");
/** Public by design (docs/security.md § Users and sessions); each answers something other than 401. */
const PUBLIC = new Set(["/login", "/setup", "/api/health", "/api/auth/login", "/api/auth/setup"]);
const SAMPLE_SEGMENT: Record<string, string> = { traceId: "4bf92f3577b34da6a3ce929d0e0e4736" };

interface Route {
  path: string;
  method: string;
  page: boolean;
}

function findRoutes(dir: string, segments: string[] = []): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const dynamic = /^\[(\w+)\]$/.exec(entry.name);
      // Route groups "(name)" add no path segment.
      const segment = /^\(.*\)$/.test(entry.name)
        ? null
        : dynamic
          ? (SAMPLE_SEGMENT[dynamic[1] as string] ?? "0")
          : entry.name;
      routes.push(...findRoutes(full, segment === null ? segments : [...segments, segment]));
      continue;
    }
    const routePath = `/${segments.join("/")}`;
    if (entry.name === "page.tsx") routes.push({ path: routePath, method: "GET", page: true });
    if (entry.name === "route.ts") {
      const source = readFileSync(full, "utf8");
      for (const [, method] of source.matchAll(
        /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g,
      )) {
        routes.push({ path: routePath, method: method as string, page: false });
      }
    }
  }
  return routes;
}

const routes = findRoutes(APP);
const guarded = routes.filter(
  (route) =>
    !PUBLIC.has(route.path) && !route.path.startsWith("/share/") && !route.path.startsWith("/api/share/"),
);
const ADMIN = { email: "admin@example.com", password: "admin password 1" };
let auth: AuthTracewell;

beforeAll(async () => {
  auth = await startAuthTracewell({
    TRACEWELL_ADMIN_EMAIL: ADMIN.email,
    TRACEWELL_ADMIN_PASSWORD: ADMIN.password,
  });
});
afterAll(async () => auth?.stop());

function call(route: Route, extra: Record<string, string> = {}): Promise<Response> {
  // Pages are asked for as a browser does (GET /metrics without it is the Prometheus scrape).
  const headers = route.page ? { accept: "text/html", ...extra } : extra;
  return fetch(`${auth.server.baseUrl}${route.path}`, {
    method: route.method,
    redirect: "manual",
    headers: route.method === "GET" ? headers : { "content-type": "application/json", ...headers },
    ...(route.method === "GET" ? {} : { body: "{}" }),
  });
}

describe("every route in app/ needs a session", () => {
  it("finds the app's pages and API routes", () => {
    expect(routes.filter((route) => route.page).length).toBeGreaterThanOrEqual(10);
    expect(routes.filter((route) => !route.page).length).toBeGreaterThanOrEqual(25);
    expect(routes).toContainEqual({
      path: "/api/traces/4bf92f3577b34da6a3ce929d0e0e4736",
      method: "GET",
      page: false,
    });
  });

  it.each(guarded.map((route) => [`${route.method} ${route.path}`, route] as const))(
    "%s refuses a caller without a session",
    async (_, route) => {
      // A forged principal header does not help: the gate overwrites it.
      const response = await call(route, { "x-tracewell-principal": '{"kind":"anonymous"}' });
      if (route.page) {
        expect(response.status).toBe(307);
        expect(response.headers.get("location")).toContain(`/login?next=${encodeURIComponent(route.path)}`);
      } else {
        expect(response.status).toBe(401);
        expect((await response.json()).error).toMatch(/sign in at \/login/);
      }
    },
  );

  it.each(guarded.filter((route) => route.method === "GET").map((route) => [route.path, route] as const))(
    "GET %s is served to the signed-in admin",
    async (_, route) => {
      const cookie = await adminCookie();
      const response = await call(route, { cookie });
      expect([401, 403, 307]).not.toContain(response.status);
    },
  );

  it("serves the public list without a session", async () => {
    const base = auth.server.baseUrl;
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    expect((await fetch(`${base}/login`)).status).toBe(200);
    expect((await fetch(`${base}/setup`)).status).toBe(200);
    expect((await fetch(`${base}/icon.svg`)).status).toBe(200);
    expect((await fetch(`${base}/manifest.webmanifest`)).status).toBe(200);
    const login = await fetch(`${base}/api/auth/login`, { method: "POST", body: "{}" });
    expect(login.status).toBe(400);
  });

  it("the custom server's own Prometheus text on PORT/metrics is behind the gate too", async () => {
    const scrape = await fetch(`${auth.server.baseUrl}/metrics`);
    expect(scrape.status).toBe(401);
    expect((await scrape.json()).error).toMatch(/API token/);
    const signedIn = await fetch(`${auth.server.baseUrl}/metrics`, {
      headers: { cookie: await adminCookie() },
    });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.text()).toContain("# TYPE");
  });
});

let cookie: string | null = null;
async function adminCookie(): Promise<string> {
  cookie ??= await signIn(auth.server.baseUrl, ADMIN.email, ADMIN.password);
  return cookie;
}
