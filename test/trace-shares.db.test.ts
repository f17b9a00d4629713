// Public links to one trace: a link made for trace A opens A through GET /api/share/{token} — and
// nothing else: not trace B, not another route with the token; it dies when revoked (410) or
// expired (410, expiry set in the past through the database), and an unknown link is 404. The
// token is stored hashed only. Two traces sent with the official exporter:
//
//   share-… SERVER "GET /orders/{id}"   trace A (shared)
//   └── db CLIENT  "SELECT orders"
//   share-… SERVER "GET /admin/secrets" trace B (not shared)
import { randomBytes } from "node:crypto";
import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { compactTraceSchema } from "@/lib/contracts/compact-trace";
import { createdShareSchema, sharesResponseSchema } from "@/lib/contracts/share-schemas";
import { traceResponseSchema } from "@/lib/contracts/trace-schema";
import { makeExporter, sendSpans } from "./support/send-spans";

const { baseUrl, otlpHttpUrl, databaseUrl } = inject("tracewell");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
afterAll(() => pool.end());

const service = `share-${randomBytes(3).toString("hex")}`;
let traceA = "";
let traceB = "";

async function post(path: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
}

async function share(traceId: string, body: unknown = {}) {
  const response = await post(`/api/traces/${traceId}/shares`, body);
  expect(response.status).toBe(201);
  const created = createdShareSchema.parse(await response.json());
  return { ...created, token: created.url.split("/share/")[1] as string };
}

beforeAll(async () => {
  const sent = await sendSpans(
    makeExporter("http/protobuf", otlpHttpUrl),
    (tracer) => {
      const now = Date.now();
      const a = tracer.startSpan("GET /orders/{id}", { kind: SpanKind.SERVER, startTime: now }, ROOT_CONTEXT);
      tracer
        .startSpan(
          "SELECT orders",
          { kind: SpanKind.CLIENT, startTime: now + 1 },
          trace.setSpan(ROOT_CONTEXT, a),
        )
        .end(now + 5);
      a.end(now + 10);
      tracer
        .startSpan("GET /admin/secrets", { kind: SpanKind.SERVER, startTime: now }, ROOT_CONTEXT)
        .end(now + 3);
    },
    { "service.name": service },
  );
  traceA = sent.find((span) => span.name === "GET /orders/{id}")?.spanContext().traceId as string;
  traceB = sent.find((span) => span.name === "GET /admin/secrets")?.spanContext().traceId as string;
});

describe("share links", () => {
  it("open their trace read-only, with no-store and no referrer, and list without the token", async () => {
    const before = Date.now();
    const created = await share(traceA);
    expect(created.url).toMatch(new RegExp(`^${baseUrl}/share/tws_[A-Za-z0-9_-]{32}$`));
    const hours = (Date.parse(created.expiresAt) - before) / 3_600_000;
    expect(hours).toBeGreaterThan(167.9);
    expect(hours).toBeLessThan(168.1);

    const response = await fetch(`${baseUrl}/api/share/${created.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const body = traceResponseSchema.parse(await response.json());
    expect(body.traceId).toBe(traceA);
    expect(body.spans.map((span) => span.name).sort()).toEqual(["GET /orders/{id}", "SELECT orders"]);

    // The trace page's own request: the capped compact shape.
    const compact = await fetch(`${baseUrl}/api/share/${created.token}?view=page&format=compact`);
    expect(compactTraceSchema.parse(await compact.json()).traceId).toBe(traceA);

    // The page itself: never cached, never leaking the link through a Referer.
    const page = await fetch(`${baseUrl}/share/${created.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toContain("no-store");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");

    // Only a hash is stored; the list names the trace and its root, never the token.
    const stored = await pool.query<{ token_hash: Buffer }>(
      "SELECT token_hash FROM trace_shares WHERE id = $1",
      [created.id],
    );
    expect(stored.rows[0]?.token_hash.toString("utf8")).not.toContain(created.token);
    const listText = await (await fetch(`${baseUrl}/api/shares`)).text();
    expect(listText).not.toContain(created.token);
    const listed = sharesResponseSchema.parse(JSON.parse(listText)).shares.find((s) => s.id === created.id);
    expect(listed).toMatchObject({
      traceId: traceA,
      rootName: "GET /orders/{id}",
      rootService: service,
      expiresAt: created.expiresAt,
      createdBy: null,
    });
  });

  it("show that trace and nothing else: other ids, paths and routes get nothing from the token", async () => {
    const { token } = await share(traceA);
    // Parameters naming another trace are ignored: the token names the trace.
    for (const query of [`traceId=${traceB}`, `id=${traceB}`, `trace=${traceB}`]) {
      const body = traceResponseSchema.parse(
        await (await fetch(`${baseUrl}/api/share/${token}?${query}`)).json(),
      );
      expect(body.traceId).toBe(traceA);
      expect(JSON.stringify(body)).not.toContain("/admin/secrets");
    }
    expect((await fetch(`${baseUrl}/api/share/${token}/spans`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/share/${token}?maxSpans=0`)).status).toBe(400);
    // A share link cannot be used to make more links, list or revoke them: those need the
    // dashboard (its session), and the public route answers GET only.
    expect((await post(`/api/share/${token}`)).status).toBe(405);
    expect((await fetch(`${baseUrl}/api/share/${token}`, { method: "DELETE" })).status).toBe(405);

    // Every other route answers exactly as it does without the token: it is no credential there.
    const routes = [
      `/api/traces/${traceB}`,
      "/api/traces",
      "/api/shares",
      "/api/keys",
      "/api/endpoints",
      `/share/${token}/../../traces/${traceB}`,
    ];
    for (const route of routes) {
      const without = await fetch(`${baseUrl}${route}`, { redirect: "manual" });
      const carriers: Record<string, string>[] = [
        { authorization: `Bearer ${token}` },
        { cookie: `tracewell_share=${token}; share=${token}` },
        { "x-share-token": token },
      ];
      for (const carried of carriers) {
        const withToken = await fetch(`${baseUrl}${route}`, { headers: carried, redirect: "manual" });
        expect(withToken.status, `${route} with ${Object.keys(carried)[0]}`).toBe(without.status);
      }
      const separator = route.includes("?") ? "&" : "?";
      const inQuery = await fetch(`${baseUrl}${route}${separator}token=${token}`, { redirect: "manual" });
      // Some routes refuse an unknown parameter (400); none may serve more because of it.
      expect([without.status, 400], `${route}?token=`).toContain(inQuery.status);
    }
  });

  it("die when revoked (410, gone from the list) and when expired (410); unknown links are 404", async () => {
    const revoked = await share(traceA, { expiresInHours: 1 });
    const del = await fetch(`${baseUrl}/api/shares/${revoked.id}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    const gone = await fetch(`${baseUrl}/api/share/${revoked.token}?format=compact`);
    expect(gone.status).toBe(410);
    expect((await gone.json()).error).toMatch(/^this share link was revoked on .*ask whoever shared/);
    const list = sharesResponseSchema.parse(await (await fetch(`${baseUrl}/api/shares`)).json());
    expect(list.shares.map((s) => s.id)).not.toContain(revoked.id);
    // Revoking twice is fine; an unknown id is 404.
    expect((await fetch(`${baseUrl}/api/shares/${revoked.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await fetch(`${baseUrl}/api/shares/nope`, { method: "DELETE" })).status).toBe(404);

    const expiring = await share(traceA, { expiresInHours: 1 });
    expect((await fetch(`${baseUrl}/api/share/${expiring.token}`)).status).toBe(200);
    await pool.query("UPDATE trace_shares SET expires_at = now() - interval '1 second' WHERE id = $1", [
      expiring.id,
    ]);
    const expired = await fetch(`${baseUrl}/api/share/${expiring.token}`);
    expect(expired.status).toBe(410);
    expect((await expired.json()).error).toMatch(/^this share link expired on /);
    const listed = sharesResponseSchema.parse(await (await fetch(`${baseUrl}/api/shares`)).json());
    expect(listed.shares.map((s) => s.id)).not.toContain(expiring.id);

    const unknown = await fetch(`${baseUrl}/api/share/tws_${randomBytes(24).toString("base64url")}`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatch(/share link does not exist/);
    expect((await fetch(`${baseUrl}/api/share/not-a-token`)).status).toBe(404);
  });

  it("are refused with a message for bad input, an unknown trace and another origin", async () => {
    for (const body of [
      { expiresInHours: 0 },
      { expiresInHours: 8761 },
      { expiresInHours: 1.5 },
      { expiresInHours: "24" },
      "{not json",
    ]) {
      const response = await post(`/api/traces/${traceA}/shares`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error).toMatch(/expiresInHours/);
    }
    expect((await share(traceA, { expiresInHours: 8760 })).expiresAt).toBeTruthy();
    const empty = await post(`/api/traces/${traceA}/shares`);
    expect(empty.status).toBe(201);
    expect((await post(`/api/traces/${"0".repeat(32)}/shares`)).status).toBe(404);
    expect((await post("/api/traces/xyz/shares")).status).toBe(400);
    const crossOrigin = await fetch(`${baseUrl}/api/traces/${traceA}/shares`, {
      method: "POST",
      headers: { origin: "http://evil.example" },
    });
    expect(crossOrigin.status).toBe(403);
  });

  it("are built on the origin the browser used, behind a TLS proxy too", async () => {
    const response = await fetch(`${baseUrl}/api/traces/${traceA}/shares`, {
      method: "POST",
      headers: { "x-forwarded-proto": "https", "x-forwarded-host": "traces.example.com" },
    });
    expect(createdShareSchema.parse(await response.json()).url).toMatch(
      /^https:\/\/traces\.example\.com\/share\/tws_/,
    );
  });
});
