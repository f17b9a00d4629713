// A large trace's page answer is kept after its first opening (lib/queries/traces/trace-pages.ts)
// and served again while the trace has not changed; a span arriving later makes the next opening
// build it anew, with that span. Against a Tracewell of its own with TRACE_PAGE_KEEP_MIN_SPANS=3
// (the default, 10,000, is for large traces), fed by the official exporter:
//
//   GET /keep SERVER 0──────────────40
//   ├── step 0  INTERNAL 10─11
//   ├── step 1  INTERNAL    20─21
//   └── step 2  INTERNAL       30─31
//   (later) late  INTERNAL        35─36
import { gzipSync } from "node:zlib";
import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CompactTrace, compactTraceSchema, decodeCompactTrace } from "@/lib/contracts/compact-trace";
import { eventually } from "./support/eventually";
import { makeExporter, sendSpans } from "./support/send-spans";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startTracewellProcess, type TracewellProcess } from "./support/tracewell-process";

let database: TestDatabase;
let tracewell: TracewellProcess;
let db: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  tracewell = await startTracewellProcess({
    databaseUrl: database.url,
    env: { TRACE_PAGE_KEEP_MIN_SPANS: "3" },
  });
  db = new pg.Pool({ connectionString: database.url, max: 2 });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await tracewell?.stop();
  await database?.drop();
});

const t0 = Date.now() - 60_000;
let traceId = "";
let rootContext = ROOT_CONTEXT;

async function pageAnswer(): Promise<{ text: string; names: string[] }> {
  const response = await fetch(`${tracewell.baseUrl}/api/traces/${traceId}?view=page&format=compact`);
  expect(response.status).toBe(200);
  const text = await response.text();
  const decoded = decodeCompactTrace(compactTraceSchema.parse(JSON.parse(text)) as CompactTrace);
  return { text, names: decoded.spans.map((span) => span.name) };
}

const keptVersion = async () =>
  (
    await db.query<{ kept: number | null; current: number }>(
      `SELECT p.ingest_version AS kept, t.ingest_version AS current
       FROM traces t LEFT JOIN trace_pages p ON p.trace_id = t.trace_id WHERE t.trace_id = decode($1, 'hex')`,
      [traceId],
    )
  ).rows[0];

describe("a large trace's page answer", () => {
  it("is kept after its first opening and served again, the same answer", async () => {
    await sendSpans(
      makeExporter("http/protobuf", tracewell.otlpHttpUrl),
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
      makeExporter("http/protobuf", tracewell.otlpHttpUrl),
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
    await db.query(
      "UPDATE trace_pages SET shape = 'compact-v0', body = $2 WHERE trace_id = decode($1, 'hex')",
      [traceId, gzipSync(Buffer.from('{"format":"compact-v0"}'))],
    );
    expect((await pageAnswer()).text).toBe(current.text);
    await eventually(async () => {
      const { rows } = await db.query("SELECT shape FROM trace_pages WHERE trace_id = decode($1, 'hex')", [
        traceId,
      ]);
      expect(rows[0]?.shape).toBe("compact-v1");
    });
  });

  it("is not kept for a trace below TRACE_PAGE_KEEP_MIN_SPANS", async () => {
    let small = "";
    await sendSpans(
      makeExporter("http/protobuf", tracewell.otlpHttpUrl),
      (tracer) => {
        const root = tracer.startSpan("GET /small", { kind: SpanKind.SERVER, startTime: t0 }, ROOT_CONTEXT);
        small = root.spanContext().traceId;
        root.end(t0 + 5);
      },
      { "service.name": "keep" },
    );
    const response = await fetch(`${tracewell.baseUrl}/api/traces/${small}?view=page&format=compact`);
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { rows } = await db.query("SELECT 1 FROM trace_pages WHERE trace_id = decode($1, 'hex')", [small]);
    expect(rows).toHaveLength(0);
  });
});
