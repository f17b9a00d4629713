// A large trace's page answer is kept after its first opening (lib/queries/traces/trace-pages.ts)
// and served again while the trace has not changed; a span arriving later makes the next opening
// build it anew, with that span. Against a Tracewell of its own with TRACE_PAGE_KEEP_MIN_SPANS=3
// (the default, 10,000, is for large traces) whose worker waits an hour for a trace to be quiet,
// so that only openings keep answers here, fed by the official exporter:
//
//   GET /keep SERVER 0──────────────40
//   ├── step 0  INTERNAL 10─11
//   ├── step 1  INTERNAL    20─21
//   └── step 2  INTERNAL       30─31
//   (later) late  INTERNAL        35─36
import http from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CompactTrace, compactTraceSchema, decodeCompactTrace } from "@/lib/contracts/compact-trace";
import { type AuthTracewell, signIn, startAuthTracewell } from "./support/auth-tracewell";
import { eventually } from "./support/eventually";
import { ownTracewell } from "./support/own-tracewell";
import { makeExporter, sendSpans } from "./support/send-spans";

const own = ownTracewell({ env: { TRACE_PAGE_KEEP_MIN_SPANS: "3", ANALYSIS_QUIET_PERIOD: "1h" } });

const t0 = Date.now() - 60_000;
let traceId = "";
let rootContext = ROOT_CONTEXT;

async function pageAnswer(): Promise<{ text: string; names: string[] }> {
  const response = await fetch(`${own.tracewell.baseUrl}/api/traces/${traceId}?view=page&format=compact`);
  expect(response.status).toBe(200);
  const text = await response.text();
  const decoded = decodeCompactTrace(compactTraceSchema.parse(JSON.parse(text)) as CompactTrace);
  return { text, names: decoded.spans.map((span) => span.name) };
}

const keptVersion = async () =>
  (
    await own.pool.query<{ kept: number | null; current: number }>(
      `SELECT p.ingest_version AS kept, t.ingest_version AS current
       FROM traces t LEFT JOIN trace_pages p ON p.trace_id = t.trace_id WHERE t.trace_id = decode($1, 'hex')`,
      [traceId],
    )
  ).rows[0];

describe("a large trace's page answer", () => {
  it("is kept after its first opening and served again, the same answer", async () => {
    await sendSpans(
      makeExporter("http/protobuf", own.tracewell.otlpHttpUrl),
      (tracer) => {
        const root = tracer.startSpan("GET /keep", { kind: SpanKind.SERVER, startTime: t0 }, ROOT_CONTEXT);
        traceId = root.spanContext().traceId;
        rootContext = trace.setSpan(ROOT_CONTEXT, root);
        for (let i = 0; i < 3; i++) {
          tracer
            .startSpan(`step ${i}`, { startTime: t0 + 10 * (i + 1) }, rootContext)
            .end(t0 + 10 * (i + 1) + 1);
        }
        root.end(t0 + 40);
      },
      { "service.name": "keep" },
    );
    expect((await keptVersion())?.kept).toBeNull();
    const first = await pageAnswer();
    expect(first.names).toEqual(["GET /keep", "step 0", "step 1", "step 2"]);
    // Kept after the answer went out.
    const version = await eventually(async () => {
      const row = await keptVersion();
      expect(row?.kept).toBe(row?.current);
      return row?.kept;
    });
    const again = await pageAnswer();
    expect(again.text).toBe(first.text);
    // Served from the kept row: it is still the one stored for that version.
    expect((await keptVersion())?.kept).toBe(version);
  });

  it("is built anew, with the new span, once more of the trace arrives", async () => {
    const before = await keptVersion();
    await sendSpans(
      makeExporter("http/protobuf", own.tracewell.otlpHttpUrl),
      (tracer) => {
        tracer.startSpan("late", { startTime: t0 + 35 }, rootContext).end(t0 + 36);
      },
      { "service.name": "keep" },
    );
    const after = await keptVersion();
    expect(after?.current).toBeGreaterThan(before?.current ?? 0);
    expect(after?.kept).toBe(before?.kept); // the kept answer is now stale…
    const fresh = await pageAnswer(); // …and not served
    expect(fresh.names).toEqual(["GET /keep", "step 0", "step 1", "step 2", "late"]);
    await eventually(async () => {
      const row = await keptVersion();
      expect(row?.kept).toBe(row?.current);
    });
    expect((await pageAnswer()).text).toBe(fresh.text);
  });

  it("is never served in a shape other than the current one (kept by an earlier version)", async () => {
    const current = await pageAnswer();
    await own.pool.query(
      "UPDATE trace_pages SET shape = 'compact-v0', body = $2 WHERE trace_id = decode($1, 'hex')",
      [traceId, gzipSync(Buffer.from('{"format":"compact-v0"}'))],
    );
    expect((await pageAnswer()).text).toBe(current.text);
    await eventually(async () => {
      const { rows } = await own.pool.query(
        "SELECT shape FROM trace_pages WHERE trace_id = decode($1, 'hex')",
        [traceId],
      );
      expect(rows[0]?.shape).toBe("compact-v1");
    });
  });

  it("is not kept for a trace below TRACE_PAGE_KEEP_MIN_SPANS", async () => {
    let small = "";
    await sendSpans(
      makeExporter("http/protobuf", own.tracewell.otlpHttpUrl),
      (tracer) => {
        const root = tracer.startSpan("GET /small", { kind: SpanKind.SERVER, startTime: t0 }, ROOT_CONTEXT);
        small = root.spanContext().traceId;
        root.end(t0 + 5);
      },
      { "service.name": "keep" },
    );
    const response = await fetch(`${own.tracewell.baseUrl}/api/traces/${small}?view=page&format=compact`);
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { rows } = await own.pool.query("SELECT 1 FROM trace_pages WHERE trace_id = decode($1, 'hex')", [
      small,
    ]);
    expect(rows).toHaveLength(0);
  });
});

// The worker keeps a large trace's answer as soon as the trace is quiet (ANALYSIS_QUIET_PERIOD),
// before anyone opens it; the custom server then sends the kept gzip as it is
// (lib/server/kept-trace-page.ts), to a signed-in client only. A Tracewell with sign-in required.
describe("a large quiet trace's page answer", () => {
  const admin = { email: "pages@example.com", password: "correct horse battery staple" };
  let auth: AuthTracewell;
  let authDb: pg.Pool;
  let cookie = "";

  beforeAll(async () => {
    auth = await startAuthTracewell({
      TRACE_PAGE_KEEP_MIN_SPANS: "3",
      ANALYSIS_QUIET_PERIOD: "300ms",
      TRACEWELL_ADMIN_EMAIL: admin.email,
      TRACEWELL_ADMIN_PASSWORD: admin.password,
    });
    authDb = new pg.Pool({ connectionString: auth.database.url, max: 2 });
    cookie = await signIn(auth.server.baseUrl, admin.email, admin.password);
  }, 120_000);

  afterAll(async () => {
    await authDb?.end();
    await auth?.stop();
  });

  /** The raw answer, without fetch's transparent decoding. */
  const get = (
    path: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      http
        .get(`${auth.server.baseUrl}${path}`, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
        })
        .on("error", reject);
    });

  it("is kept by the worker without an opening, and sent as kept to a signed-in client that takes gzip", async () => {
    let quietTrace = "";
    await sendSpans(
      makeExporter("http/protobuf", auth.server.otlpHttpUrl),
      (tracer) => {
        const root = tracer.startSpan("GET /quiet", { kind: SpanKind.SERVER, startTime: t0 }, ROOT_CONTEXT);
        quietTrace = root.spanContext().traceId;
        const context = trace.setSpan(ROOT_CONTEXT, root);
        for (let i = 0; i < 3; i++) {
          tracer.startSpan(`step ${i}`, { startTime: t0 + 10 * (i + 1) }, context).end(t0 + 10 * (i + 1) + 1);
        }
        root.end(t0 + 40);
      },
      { "service.name": "quiet" },
    );
    const kept = await eventually(async () => {
      const { rows } = await authDb.query<{ body: Buffer; kept: number; current: number }>(
        `SELECT p.body, p.ingest_version AS kept, t.ingest_version AS current
         FROM trace_pages p JOIN traces t USING (trace_id) WHERE p.trace_id = decode($1, 'hex')`,
        [quietTrace],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.kept).toBe(rows[0]?.current);
      return rows[0]?.body as Buffer;
    }, 20_000);

    const path = `/api/traces/${quietTrace}?view=page&format=compact`;
    const served = await get(path, { cookie, "accept-encoding": "gzip, deflate, br" });
    expect(served.status).toBe(200);
    expect(served.headers["content-encoding"]).toBe("gzip");
    expect(served.headers["content-type"]).toBe("application/json");
    expect(served.headers["cache-control"]).toBe("no-store");
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(served.headers["x-frame-options"]).toBe("DENY");
    expect(served.body.equals(kept)).toBe(true); // the stored bytes, as they are

    // The same answer the route builds from the spans (no gzip: Next.js's route, built anew).
    const built = await get(path, { cookie, "accept-encoding": "identity" });
    expect(built.status).toBe(200);
    expect(built.headers["content-encoding"]).toBeUndefined();
    expect(gunzipSync(served.body).toString("utf8")).toBe(built.body.toString("utf8"));
    const decoded = decodeCompactTrace(
      compactTraceSchema.parse(JSON.parse(built.body.toString("utf8"))) as CompactTrace,
    );
    expect(decoded.spans.map((span) => span.name)).toEqual(["GET /quiet", "step 0", "step 1", "step 2"]);

    // Not signed in: the access gate's 401, never the kept answer.
    const anonymous = await get(path, { "accept-encoding": "gzip" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.equals(kept)).toBe(false);
    const forged = await get(path, { cookie: "tracewell_session=forged", "accept-encoding": "gzip" });
    expect(forged.status).toBe(401);
  });
});
