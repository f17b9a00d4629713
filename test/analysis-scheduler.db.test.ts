// The generic analysis scheduler (lib/analysis/analyze-quiet-traces.ts) runs cache attribution and
// any other analyser over the same quiet traces, again when more of a trace arrives, and never
// twice at once: two schedulers racing share the pending traces (SKIP LOCKED).
import { ROOT_CONTEXT, SpanKind, type Tracer, trace } from "@opentelemetry/api";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeQuietTraces } from "@/lib/analysis/analyze-quiet-traces";
import { cacheAttributionAnalyzer } from "@/lib/analysis/cache-attribution/cache-attribution-analyzer";
import type { AnalyzedTrace, TraceAnalyzer } from "@/lib/analysis/trace-analyzer";
import { migrate } from "@/lib/db/migrate";
import { PoolDb } from "@/lib/db/sql";
import { normalizeTraceRequest } from "@/lib/ingest/traces/normalize-spans";
import { decodeTraceRequestProto } from "@/lib/otlp/decode-traces-proto";
import { createSpanStore } from "@/lib/server/ingest-role";
import { sendSpans } from "@/test/support/send-spans";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";

let database: TestDatabase;
let pool: pg.Pool;
let db: PoolDb;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 6 });
  db = new PoolDb(pool);
  await migrate(pool);
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

const recordOnly: SpanExporter = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };
const now = Date.now();

/**
 * `requests` traces of the official SDK, each:
 *
 *   GET /items/{id}        SERVER
 *   └── redis GET          CLIENT  cache.hit (true on even requests)
 *
 * and, when `plain`, as many traces with no cache lookup at all:
 *
 *   GET /health            SERVER
 */
async function record(requests: number, plain = false): Promise<ReadableSpan[]> {
  return sendSpans(
    recordOnly,
    (tracer: Tracer) => {
      for (let i = 0; i < requests; i++) {
        const start = now - 60_000 + i;
        const attributes = { "http.request.method": "GET", "http.route": plain ? "/health" : "/items/{id}" };
        const root = tracer.startSpan(
          plain ? "GET /health" : "GET /items/{id}",
          { kind: SpanKind.SERVER, startTime: start, attributes },
          ROOT_CONTEXT,
        );
        if (!plain) {
          tracer
            .startSpan(
              "redis GET",
              { kind: SpanKind.CLIENT, startTime: start + 1, attributes: { "cache.hit": i % 2 === 0 } },
              trace.setSpan(ROOT_CONTEXT, root),
            )
            .end(start + 2);
        }
        root.end(start + 5);
      }
    },
    { "service.name": "analysis-test" },
  );
}

async function store(spans: ReadableSpan[]): Promise<void> {
  const body = ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array;
  const batch = normalizeTraceRequest(decodeTraceRequestProto(body), {
    nowUnixNano: BigInt(Date.now()) * 1_000_000n,
    maxPastNanos: 86_400_000_000_000n,
    maxFutureNanos: 86_400_000_000_000n,
  });
  await createSpanStore(pool).write(batch.spans, batch.resources);
}

/** A trivial second analyser: remembers which traces (and versions) it saw. */
function spanCounter(): TraceAnalyzer<number> & {
  seen: Array<{ trace: string; version: number; spans: number }>;
} {
  const seen: Array<{ trace: string; version: number; spans: number }> = [];
  return {
    name: "span-counter",
    seen,
    wants: () => true,
    analyze: (t: AnalyzedTrace) => t.spans.length,
    store: async (_tx, traces, results) => {
      traces.forEach((t, i) => {
        seen.push({ trace: t.traceId.toString("hex"), version: t.version, spans: results[i] as number });
      });
    },
  };
}

const run = (analyzers: TraceAnalyzer[]) =>
  analyzeQuietTraces(db, analyzers, { quietMs: 0, maxTraces: 1000 });

const count = async (text: string) => Number((await pool.query(text)).rows[0].n);

describe("analysis scheduler", () => {
  it("runs cache attribution and a second analyser over the same quiet traces, once each", async () => {
    const withLookups = await record(6);
    await store([...withLookups, ...(await record(4, true))]);
    const counter = spanCounter();

    const first = await run([cacheAttributionAnalyzer as TraceAnalyzer, counter as TraceAnalyzer]);
    expect(first.traces).toBe(10);
    // Cache attribution only wants traces with lookups; the counter wants every trace.
    expect(first.analyzed).toEqual({ "cache-attribution": 6, "span-counter": 10 });
    expect(counter.seen.map((s) => s.spans).sort()).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
    expect(await count("SELECT count(*) AS n FROM request_cache_lookups")).toBe(6);
    expect(
      (
        await pool.query(
          "SELECT sum(lookups)::int AS lookups, sum(hits)::int AS hits FROM endpoint_cache_minutes",
        )
      ).rows[0],
    ).toEqual({ lookups: 6, hits: 3 });
    expect(
      await count("SELECT count(*) AS n FROM trace_analyses WHERE analyzer = 'span-counter' AND version = 1"),
    ).toBe(10);

    // Nothing is pending any more.
    expect((await run([cacheAttributionAnalyzer as TraceAnalyzer, counter as TraceAnalyzer])).traces).toBe(0);
  });

  it("queues a trace at each ingest and leaves its `traces` row as ingest wrote it", async () => {
    const spans = await record(3);
    await store(spans);
    const ids = [...new Set(spans.map((span) => span.spanContext().traceId))];
    const rows = () =>
      pool.query<{ trace_id: string; ctid: string; queued: number | null }>(
        `SELECT encode(t.trace_id, 'hex') AS trace_id, t.ctid::text, q.ingest_version AS queued
         FROM traces t LEFT JOIN trace_analysis_queue q ON q.trace_id = t.trace_id
         WHERE encode(t.trace_id, 'hex') = ANY($1) ORDER BY 1`,
        [ids],
      );
    const before = (await rows()).rows;
    expect(before.map((row) => row.queued)).toEqual([1, 1, 1]);
    expect((await run([spanCounter() as TraceAnalyzer])).traces).toBe(3);
    // Analysed: out of the queue, and the row trace search reads not rewritten (same place).
    const after = (await rows()).rows;
    expect(after.map((row) => row.queued)).toEqual([null, null, null]);
    expect(after.map((row) => row.ctid)).toEqual(before.map((row) => row.ctid));
  });

  it("analyses a trace again, with every analyser, when more of it arrives", async () => {
    const spans = await record(1);
    const root = spans.find((span) => span.name === "GET /items/{id}") as ReadableSpan;
    const child = spans.find((span) => span.name === "redis GET") as ReadableSpan;
    await store([root]);
    const counter = spanCounter();
    await run([cacheAttributionAnalyzer as TraceAnalyzer, counter as TraceAnalyzer]);
    expect(counter.seen.map((s) => [s.version, s.spans])).toEqual([[1, 1]]);

    // The child arrives in a later batch: the trace is pending again and every analyser sees it whole.
    await store([child]);
    const again = await run([cacheAttributionAnalyzer as TraceAnalyzer, counter as TraceAnalyzer]);
    expect(again.analyzed).toEqual({ "cache-attribution": 1, "span-counter": 1 });
    expect(counter.seen.map((s) => [s.version, s.spans])).toEqual([
      [1, 1],
      [2, 2],
    ]);

    // A retried export stores nothing new: no new version, nothing to analyse.
    await store([root, child]);
    expect((await run([counter as TraceAnalyzer])).traces).toBe(0);
  });

  it("shares pending traces between two schedulers racing, never analysing one twice", async () => {
    await store(await record(40, true));
    const a = spanCounter();
    const b = spanCounter();
    const [ra, rb] = await Promise.all([
      analyzeQuietTraces(db, [a as TraceAnalyzer], { quietMs: 0, maxTraces: 25 }),
      analyzeQuietTraces(db, [b as TraceAnalyzer], { quietMs: 0, maxTraces: 25 }),
    ]);
    const again = await analyzeQuietTraces(db, [a as TraceAnalyzer], { quietMs: 0, maxTraces: 100 });
    const traces = [...a.seen, ...b.seen].map((s) => s.trace);
    expect(ra.traces + rb.traces + again.traces).toBe(40);
    expect(new Set(traces).size).toBe(traces.length);
  });
});
