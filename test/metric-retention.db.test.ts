// metric_series rows expire with retention: once their points' partitions are dropped, series
// without points go; series that still have points, or were created just now, stay.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { DayPartitions, dayOf } from "@/lib/ingest/shared/day-partitions";
import { applyRetention } from "@/lib/jobs/apply-retention";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

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

/** A series first seen `seenAgoMs` ago with one point `pointAgoMs` ago (none when null). */
async function series(id: number, seenAgoMs: number, pointAgoMs: number | null, now: number): Promise<void> {
  await pool.query(
    `INSERT INTO metric_series (series_id, service_name, resource_id, metric_name, metric_type,
       aggregation_temporality, is_monotonic, attributes, first_seen_at)
     VALUES ($1, 'svc', 1, 'm', 1, 0, false, '{}', to_timestamp($2::float8 / 1000))`,
    [id, now - seenAgoMs],
  );
  if (pointAgoMs === null) return;
  const time = BigInt(now - pointAgoMs) * 1_000_000n;
  await new DayPartitions("metric_points").ensure(pool, [dayOf(time)]);
  await pool.query("INSERT INTO metric_points (series_id, time_unix_nano, value) VALUES ($1, $2, 1)", [
    id,
    time.toString(),
  ]);
}

it("deletes series whose points all expired, keeps live and brand-new ones", async () => {
  const now = Date.now();
  await series(1, 20 * DAY, 10 * DAY, now); // points expire → series goes
  await series(2, 20 * DAY, 60_000, now); // fresh point → stays
  await series(3, 60_000, null, now); // created a minute ago, points not yet committed → stays
  const result = await applyRetention(pool, { spansMs: 7 * DAY, rollupsMs: 90 * DAY }, now);
  expect(result?.deletedMetricSeries).toBe(1);
  const { rows } = await pool.query("SELECT series_id::int AS id FROM metric_series ORDER BY 1");
  expect(rows.map((row) => row.id)).toEqual([2, 3]);
});
