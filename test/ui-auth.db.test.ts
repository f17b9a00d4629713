// Users and sessions on a Tracewell with UI_AUTH=on and no user yet: the first start prints a
// one-time setup link that creates the admin; login gives an httpOnly SameSite=Lax cookie; a
// viewer is refused on admin routes; a read-only API token reads but cannot write; sessions end
// on logout, on revocation by the admin and at their expiry; and logins are rate-limited.
import { execFile } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthTracewell, signIn, startAuthTracewell } from "@/test/support/auth-tracewell";
import { eventually } from "@/test/support/eventually";
import { makeExporter, sendSpans } from "@/test/support/send-spans";

const ADMIN = { email: "Root@Example.com", password: "a long admin password" };
const VIEWER = { email: "viewer@example.com", password: "a long viewer password" };
let auth: AuthTracewell;
let base: string;
let adminCookie: string;

beforeAll(async () => {
  auth = await startAuthTracewell();
  base = auth.server.baseUrl;
});
afterAll(async () => {
  if (process.env.DEBUG_AUTH) console.log(auth?.server.output.slice(-30).join("\n"));
  await auth?.stop();
});

function api(path: string, init: { method?: string; cookie?: string; bearer?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers,
    redirect: "manual",
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: auth.database.url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("first start", () => {
  it("prints a one-time setup link that creates the admin and signs them in", async () => {
    const line = auth.server.output.find((l) => l.includes("/setup?token="));
    expect(line, auth.server.output.join("\n")).toBeDefined();
    const token = new URL((line as string).trim()).searchParams.get("token") as string;

    const weak = await api("/api/auth/setup", {
      method: "POST",
      body: { token, email: ADMIN.email, password: "short" },
    });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error).toMatch(/at least 12 characters/);

    const setup = await api("/api/auth/setup", { method: "POST", body: { token, ...ADMIN } });
    expect(setup.status).toBe(204);
    const cookie = setup.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^tracewell_session=tws_[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    expect(cookie).not.toContain("Secure");

    // The link works once.
    const again = await api("/api/auth/setup", { method: "POST", body: { token, ...ADMIN } });
    expect(again.status).toBe(403);
    const [user] = await sql<{ email: string; role: string; password_hash: string }>(
      "SELECT email, role, password_hash FROM users",
    );
    expect(user).toMatchObject({ email: "root@example.com", role: "admin" });
    expect(user?.password_hash).toMatch(/^scrypt\$/);
    expect(user?.password_hash).not.toContain(ADMIN.password);
  });
});

describe("login", () => {
  it("answers 204 with the cookie, 401 on a wrong password; the session reads the API", async () => {
    expect(
      (await api("/api/auth/login", { method: "POST", body: { ...ADMIN, password: "wrong password!" } }))
        .status,
    ).toBe(401);
    adminCookie = await signIn(base, "root@example.com", ADMIN.password);
    const session = await api("/api/auth/session", { cookie: adminCookie });
    expect(await session.json()).toMatchObject({
      uiAuth: "on",
      admin: true,
      user: { email: "root@example.com", role: "admin" },
    });
    expect((await api("/api/endpoints", { cookie: adminCookie })).status).toBe(200);
  });

  it("marks the cookie Secure behind an https proxy (X-Forwarded-Proto)", async () => {
    const response = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-proto": "https" },
      body: JSON.stringify(ADMIN),
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  it("logout ends the session: the same cookie is refused afterwards", async () => {
    const cookie = await signIn(base, ADMIN.email, ADMIN.password);
    expect((await api("/api/auth/logout", { method: "POST", cookie })).status).toBe(204);
    const after = await api("/api/endpoints", { cookie });
    expect(after.status).toBe(401);
    expect((await after.json()).error).toMatch(/session has expired or was ended/);
    expect((await api("/traces", { cookie })).headers.get("location")).toContain("/login?next=%2Ftraces");
  });
});

describe("roles", () => {
  let viewerCookie: string;

  it("an admin creates a viewer; a short password or a taken email is a 400 saying why", async () => {
    const short = await api("/api/users", {
      method: "POST",
      cookie: adminCookie,
      body: { ...VIEWER, password: "x", role: "viewer" },
    });
    expect(short.status).toBe(400);
    expect((await short.json()).error).toMatch(/password.*at least 12/);
    const created = await api("/api/users", {
      method: "POST",
      cookie: adminCookie,
      body: { ...VIEWER, role: "viewer" },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email: VIEWER.email, role: "viewer" });
    const taken = await api("/api/users", {
      method: "POST",
      cookie: adminCookie,
      body: { ...VIEWER, role: "viewer" },
    });
    expect(taken.status).toBe(400);
    viewerCookie = await signIn(base, VIEWER.email, VIEWER.password);
  });

  it.each([
    ["GET", "/api/users"],
    ["POST", "/api/users"],
    ["DELETE", "/api/users/0"],
    ["GET", "/api/keys"],
    ["POST", "/api/keys"],
    ["DELETE", "/api/keys/0"],
    ["GET", "/api/tokens"],
    ["POST", "/api/tokens"],
    ["GET", "/api/sessions"],
    ["DELETE", "/api/sessions/0"],
    ["GET", "/api/storage"],
  ])("a viewer is refused %s %s with 403", async (method, path) => {
    const response = await api(path, {
      method,
      cookie: viewerCookie,
      ...(method === "POST" ? { body: {} } : {}),
    });
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatch(/is for admins/);
  });

  it("a viewer reads and pins", async () => {
    expect((await api("/api/endpoints", { cookie: viewerCookie })).status).toBe(200);
    expect((await api("/api/pins", { cookie: viewerCookie })).status).toBe(200);
    const info = await (await api("/api/auth/session", { cookie: viewerCookie })).json();
    expect(info).toMatchObject({ admin: false, user: { role: "viewer" } });
  });

  it("share links: a viewer's are recorded as theirs; they list and revoke only their own, an admin all", async () => {
    const [span] = await sendSpans(makeExporter("http/protobuf", auth.server.otlpHttpUrl), (tracer) =>
      tracer.startSpan("GET /orders").end(),
    );
    const traceId = span?.spanContext().traceId as string;
    await eventually(async () =>
      expect((await api(`/api/traces/${traceId}`, { cookie: adminCookie })).status).toBe(200),
    );
    const share = async (cookie: string) => {
      const response = await api(`/api/traces/${traceId}/shares`, { method: "POST", cookie, body: {} });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const viewers = await share(viewerCookie);
    const admins = await share(adminCookie);
    const ids = async (cookie: string) =>
      ((await (await api("/api/shares", { cookie })).json()) as { shares: { id: string }[] }).shares.map(
        (s) => s.id,
      );
    expect(await ids(viewerCookie)).toEqual([viewers]);
    expect((await ids(adminCookie)).sort()).toEqual([viewers, admins].sort());
    const [owner] = await sql<{ created_by: string | null }>(
      "SELECT s.created_by FROM trace_shares s JOIN users u ON u.id = s.created_by WHERE s.id = $1 AND u.email = $2",
      [viewers, VIEWER.email],
    );
    expect(owner).toBeDefined();
    expect((await api(`/api/shares/${admins}`, { method: "DELETE", cookie: viewerCookie })).status).toBe(404);
    expect((await api(`/api/shares/${viewers}`, { method: "DELETE", cookie: viewerCookie })).status).toBe(
      204,
    );
    expect((await api(`/api/shares/${admins}`, { method: "DELETE", cookie: adminCookie })).status).toBe(204);
    expect(await ids(adminCookie)).toEqual([]);
  });

  it("the admin lists sessions and revokes the viewer's: it is refused at once", async () => {
    const list = await (await api("/api/sessions", { cookie: adminCookie })).json();
    const viewerSession = list.sessions.find((s: { email: string }) => s.email === VIEWER.email);
    expect(viewerSession).toBeDefined();
    expect(list.sessions.some((s: { current: boolean }) => s.current)).toBe(true);
    expect(
      (await api(`/api/sessions/${viewerSession.id}`, { method: "DELETE", cookie: adminCookie })).status,
    ).toBe(204);
    expect((await api("/api/endpoints", { cookie: viewerCookie })).status).toBe(401);
  });

  it("the last admin cannot be deleted; deleting a user ends their sessions", async () => {
    const users = (await (await api("/api/users", { cookie: adminCookie })).json()).users as {
      id: string;
      email: string;
    }[];
    const admin = users.find((u) => u.email === "root@example.com");
    const viewer = users.find((u) => u.email === VIEWER.email);
    expect((await api(`/api/users/${admin?.id}`, { method: "DELETE", cookie: adminCookie })).status).toBe(
      403,
    );
    const cookie = await signIn(base, VIEWER.email, VIEWER.password);
    expect((await api(`/api/users/${viewer?.id}`, { method: "DELETE", cookie: adminCookie })).status).toBe(
      204,
    );
    expect((await api("/api/endpoints", { cookie })).status).toBe(401);
  });
});

describe("read-only API tokens", () => {
  it("created once by an admin, stored hashed; accepted on GET, refused on POST, dead when revoked", async () => {
    const created = await api("/api/tokens", { method: "POST", cookie: adminCookie, body: { name: "ci" } });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect(token).toMatch(/^twr_[\w-]{32}$/);
    const stored = await sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM api_tokens WHERE token_hash = sha256($1::bytea)",
      [Buffer.from(token)],
    );
    expect(stored[0]?.n).toBe(1);
    const listed = JSON.stringify(await (await api("/api/tokens", { cookie: adminCookie })).json());
    expect(listed).not.toContain(token);

    expect((await api("/api/endpoints", { bearer: token })).status).toBe(200);
    expect((await api("/metrics", { bearer: token })).status).toBe(200);
    const write = await api("/api/pins", { method: "POST", bearer: token, body: {} });
    expect(write.status).toBe(403);
    expect((await write.json()).error).toMatch(/API tokens are read-only/);
    // Read-only means not the admin's reads either, and not pages.
    expect((await api("/api/keys", { bearer: token })).status).toBe(403);
    expect((await api("/traces", { bearer: token })).status).toBe(307);

    expect((await api(`/api/tokens/${id}`, { method: "DELETE", cookie: adminCookie })).status).toBe(204);
    expect((await api("/api/endpoints", { bearer: token })).status).toBe(401);
  });
});

describe("session expiry", () => {
  it("a session past its expiry is refused, and the cookie expires with SESSION_TTL (7 days)", async () => {
    const login = await api("/api/auth/login", { method: "POST", body: ADMIN });
    const setCookie = login.headers.get("set-cookie") ?? "";
    const expires = Date.parse(/Expires=([^;]+)/.exec(setCookie)?.[1] ?? "");
    expect(Math.abs(expires - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    const cookie = setCookie.split(";")[0] as string;
    expect((await api("/api/endpoints", { cookie })).status).toBe(200);
    await sql(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = sha256($1::bytea)",
      [Buffer.from(cookie.slice("tracewell_session=".length))],
    );
    expect((await api("/api/endpoints", { cookie })).status).toBe(401);
  });
});

describe("the keys CLI with sign-in on", () => {
  // Asynchronous: spawnSync would stall this process's event loop, and the keep-alive sockets it
  // pools would miss the server closing them meanwhile.
  function cli(env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
    return new Promise((resolve) =>
      execFile(
        process.execPath,
        ["--import", "tsx", "scripts/tracewell.ts", "keys", "list"],
        {
          cwd: path.resolve(import.meta.dirname, ".."),
          env: { ...process.env, TRACEWELL_URL: base, ...env },
        },
        (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
  }

  it("signs in as TRACEWELL_EMAIL / TRACEWELL_PASSWORD, and says to set them when missing", async () => {
    const refused = await cli({});
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/set TRACEWELL_EMAIL and TRACEWELL_PASSWORD/);
    const listed = await cli({ TRACEWELL_EMAIL: ADMIN.email, TRACEWELL_PASSWORD: ADMIN.password });
    expect(listed.stderr).toBe("");
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/default|No ingest keys/);
  });
});

// Last: the address limit then holds every login from this machine for the window.
describe("login rate limit", () => {
  it("after 5 failures the account is held (429 + Retry-After), even with the right password", async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await api("/api/auth/login", {
            method: "POST",
            body: { ...ADMIN, password: `wrong ${i} password` },
          })
        ).status,
      ).toBe(401);
    }
    const held = await api("/api/auth/login", { method: "POST", body: ADMIN });
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await held.json()).error).toMatch(/too many failed sign-ins; try again in \d+ s/);
  });

  it("one address guessing many accounts is held after 20 failures", async () => {
    let status = 0;
    for (let i = 0; i < 20 && status !== 429; i++) {
      status = (
        await api("/api/auth/login", {
          method: "POST",
          body: { email: `guess${i}@example.com`, password: "guess password" },
        })
      ).status;
    }
    const next = await api("/api/auth/login", {
      method: "POST",
      body: { email: "another@example.com", password: "guess password" },
    });
    expect(next.status).toBe(429);
  });
});
