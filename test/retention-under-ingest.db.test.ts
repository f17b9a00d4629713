// Retention never blocks ingest or reads (#21). A long dashboard query keeps a transaction open on
// `spans` while retention expires an old day partition. A plain DROP TABLE of the partition would
// queue for an ACCESS EXCLUSIVE lock on `spans` behind that query, and every export and read
// arriving after it would queue behind the DROP: the exporter below would time out. Detached
// concurrently, the partition goes without stopping anyone: fresh spans sent by the official
// exporter meanwhile are acknowledged and stored, reads answer, and the old day is gone once the
// long query ends. A detach that cannot finish within its lock timeout is left for the next run.
import { ROOT_CONTEXT, SpanKind } from "@opentelemetry/api";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyRetention, type RetentionOptions, type RetentionResult } from "@/lib/jobs/apply-retention";
import { eventually } from "@/test/support/eventually";
import { ownTracewell } from "@/test/support/own-tracewell";
import { makeExporter, sendSpans } from "@/test/support/send-spans";

const DAY = 86_400_000;
// Thirty days accepted, so the exporter can send spans from ten and twelve days back.
const own = ownTracewell({ env: { SPAN_RETENTION: "30d" }, poolMax: 4 });

/** Sends one trace (a SERVER span with a CLIENT child) starting at `startMs`; returns its id. */
async function sendTrace(startMs: number, name: string): Promise<string> {
  const spans = await sendSpans(
    makeExporter("http/protobuf", own.tracewell.otlpHttpUrl),
    (tracer) => {
      const root = tracer.startSpan(name, { kind: SpanKind.SERVER, startTime: startMs }, ROOT_CONTEXT);
      root.end(startMs + 20);
    },
    { "service.name": "retention-check" },
  );
  return spans[0]?.spanContext().traceId as string;
}

const spansOf = async (traceId: string) =>
  Number(
    (await own.pool.query("SELECT count(*) AS n FROM spans WHERE trace_id = decode($1, 'hex')", [traceId]))
      .rows[0].n,
  );
const partitionExists = async (name: string) =>
  (await own.pool.query("SELECT 1 FROM pg_class WHERE relname = $1", [name])).rowCount === 1;
const spanPartition = (ms: number) => `spans_${new Date(ms).toISOString().slice(0, 10).replaceAll("-", "")}`;

/** Retention with a seven-day SPAN_RETENTION; retried while the server's own run holds the lock. */
function retention(options: RetentionOptions): Promise<RetentionResult> {
  return eventually(async () => {
    const result = await applyRetention(
      own.pool,
      { spansMs: 7 * DAY, rollupsMs: 90 * DAY },
      Date.now(),
      options,
    );
    if (!result) throw new Error("another retention run holds the lock");
    return result;
  });
}

/** A dashboard query that takes its time: a transaction that has read `spans` and stays open. */
async function openLongReader(): Promise<pg.Client> {
  const reader = new pg.Client({ connectionString: own.database.url });
  await reader.connect();
  await reader.query("BEGIN");
  await reader.query("SELECT count(*) FROM spans");
  return reader;
}

describe("retention under ingest", () => {
  it("expires an old day while a long query runs, and ingest and reads carry on meanwhile", async () => {
    const oldStart = Date.now() - 10 * DAY;
    const oldTrace = await sendTrace(oldStart, "GET /old");
    await sendTrace(Date.now() - 60_000, "GET /before"); // today's partition exists before the run
    expect(await spansOf(oldTrace)).toBe(1);

    const reader = await openLongReader();
    const run = retention({ lockTimeoutMs: 120_000 });
    try {
      // Retention is now waiting for the long query to end…
      await eventually(async () => {
        const waiting = await own.pool.query(
          `SELECT 1 FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND query ~* '(DETACH PARTITION|DROP TABLE)'`,
        );
        if (waiting.rowCount === 0) throw new Error("retention is not waiting yet");
      });
      // …and meanwhile a service's export is acknowledged (= committed) and reads answer.
      const during = await sendTrace(Date.now() - 1_000, "GET /during");
      expect(await spansOf(during)).toBe(1);
      expect(await partitionExists(spanPartition(oldStart))).toBe(true);
    } finally {
      await reader.query("COMMIT");
      await reader.end();
    }

    const result = await run;
    expect(result.droppedPartitions).toContain(spanPartition(oldStart));
    expect(result.deferredPartitions).toEqual([]);
    expect(await partitionExists(spanPartition(oldStart))).toBe(false);
    expect(await spansOf(oldTrace)).toBe(0);
  }, 120_000);

  it("leaves a partition it cannot detach within the lock timeout to the next run, which finishes it", async () => {
    const oldStart = Date.now() - 12 * DAY;
    const oldTrace = await sendTrace(oldStart, "GET /older");
    const reader = await openLongReader();
    let first: RetentionResult;
    try {
      first = await retention({ lockTimeoutMs: 300 });
    } finally {
      await reader.query("COMMIT");
      await reader.end();
    }
    expect(first.deferredPartitions).toContain(spanPartition(oldStart));
    expect(first.droppedPartitions).not.toContain(spanPartition(oldStart));
    expect(await partitionExists(spanPartition(oldStart))).toBe(true);

    const second = await retention({ lockTimeoutMs: 120_000 });
    expect(second.droppedPartitions).toContain(spanPartition(oldStart));
    expect(await partitionExists(spanPartition(oldStart))).toBe(false);
    expect(await spansOf(oldTrace)).toBe(0);
  }, 120_000);
});
