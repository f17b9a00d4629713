// Raw spans expire after SPAN_RETENTION by whole-partition drops; rollups live on until the
// longer ROLLUP_RETENTION.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { DayPartitions, dayOf } from "@/lib/ingest/shared/day-partitions";
import { normalizeTraceRequest } from "@/lib/ingest/traces/normalize-spans";
import { applyRetention } from "@/lib/jobs/apply-retention";
import { decodeTraceRequestProto } from "@/lib/otlp/decode-traces-proto";
import { createSpanStore } from "@/lib/server/ingest-role";
import { makeTraceExport } from "@/test/fixtures/otlp-fixtures";
import { createTestDatabase, type TestDatabase } from "@/test/support/test-database";

const DAY = 86_400_000;
let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 3 });
  await migrate(pool);
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

async function storeAt(startMs: number): Promise<void> {
  const batch = normalizeTraceRequest(
    decodeTraceRequestProto(makeTraceExport({ spans: 5, startMs }).protobuf),
    {
      nowUnixNano: BigInt(startMs) * 1_000_000n,
      maxPastNanos: 86_400_000_000_000n,
      maxFutureNanos: 86_400_000_000_000n,
    },
  );
  await createSpanStore(pool).write(batch.spans, batch.resources);
}

const count = async (sql: string) => Number((await pool.query(sql)).rows[0].n);

describe("applyRetention", () => {
  it("drops span and metric point partitions past SPAN_RETENTION and keeps their rollups until ROLLUP_RETENTION", async () => {
    const now = Date.UTC(2026, 10, 24, 12);
    await storeAt(now - 10 * DAY); // expired spans, rollups kept
    await storeAt(now - 100 * DAY); // everything expired
    await storeAt(now - 60_000); // fresh
    await new DayPartitions("metric_points").ensure(pool, [dayOf(BigInt(now - 10 * DAY) * 1_000_000n)]);
    expect(await count("SELECT count(*) AS n FROM spans")).toBe(15);

    const result = await applyRetention(pool, { spansMs: 7 * DAY, rollupsMs: 90 * DAY }, now);
    expect(result?.droppedPartitions.sort()).toEqual([
      "metric_points_20261114",
      "spans_20260816",
      "spans_20261114",
    ]);
    expect(await count("SELECT count(*) AS n FROM spans")).toBe(5);
    expect(await count("SELECT count(*) AS n FROM traces")).toBe(1);
    const minutes = await pool.query<{ minute: string }>(
      "SELECT DISTINCT minute FROM endpoint_minutes ORDER BY 1",
    );
    expect(minutes.rows.map((row) => Number(row.minute) * 60_000)).toEqual([
      Math.floor((now - 10 * DAY) / 60_000) * 60_000,
      Math.floor((now - 60_000) / 60_000) * 60_000,
    ]);
  });

  it("with MAX_DISK_BYTES, drops the oldest days first while the database is over it, never today's", async () => {
    const now = Date.UTC(2027, 0, 20, 12);
    for (const daysAgo of [3, 2, 1]) await storeAt(now - daysAgo * DAY);
    await storeAt(now - 60_000);
    const day = (ms: number) => `spans_${new Date(ms).toISOString().slice(0, 10).replaceAll("-", "")}`;
    const size = async () =>
      Number((await pool.query("SELECT pg_database_size(current_database()) AS n")).rows[0].n);

    // Under the budget: nothing goes for disk.
    const roomy = await applyRetention(
      pool,
      { spansMs: 7 * DAY, rollupsMs: 90 * DAY, maxDiskBytes: 2 ** 50 },
      now,
    );
    expect(roomy?.droppedForDisk).toEqual([]);

    // One byte over: the oldest day goes, and that is enough.
    const tight = await applyRetention(
      pool,
      { spansMs: 7 * DAY, rollupsMs: 90 * DAY, maxDiskBytes: (await size()) - 1 },
      now,
    );
    expect(tight?.droppedForDisk).toEqual([day(now - 3 * DAY)]);

    // Far over: every past day goes, oldest first, and today's stays with its spans.
    const over = await applyRetention(pool, { spansMs: 7 * DAY, rollupsMs: 90 * DAY, maxDiskBytes: 1 }, now);
    expect(over?.droppedForDisk).toEqual([day(now - 2 * DAY), day(now - DAY)]);
    const left = await pool.query("SELECT count(*)::int AS n FROM spans WHERE start_time_unix_nano >= $1", [
      BigInt(now - DAY / 2) * 1_000_000n,
    ]);
    expect(left.rows[0].n).toBe(5);
    const traces = await pool.query("SELECT count(*)::int AS n FROM traces WHERE end_time_unix_nano < $1", [
      BigInt(now - DAY / 2) * 1_000_000n,
    ]);
    expect(traces.rows[0].n).toBe(0);
  });
});
