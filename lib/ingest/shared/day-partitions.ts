// Daily range partitions (of `spans` by start time, of `metric_points` by point time), created on
// demand. Expiry (lib/jobs/apply-retention.ts) drops them.
import type pg from "pg";
import { AdvisoryLock } from "@/lib/db/advisory-locks";

export const DAY_NANOS = 86_400_000_000_000n;

/** The tables partitioned by day; table names go into DDL, so only these are accepted. */
export type DayPartitionedTable = "spans" | "metric_points";
const DAY_PARTITIONED_TABLES: readonly string[] = ["spans", "metric_points"] satisfies DayPartitionedTable[];

export function dayOf(unixNano: bigint): bigint {
  return unixNano / DAY_NANOS;
}

/** "spans_20261124", "metric_points_20261124" */
export function partitionName(day: bigint, table: DayPartitionedTable = "spans"): string {
  const date = new Date(Number(day) * 86_400_000);
  return `${table}_${date.toISOString().slice(0, 10).replaceAll("-", "")}`;
}

/** Remembers which days exist so the hot path asks PostgreSQL only about new days. */
export class DayPartitions {
  private readonly known = new Set<bigint>();

  constructor(readonly table: DayPartitionedTable) {
    if (!DAY_PARTITIONED_TABLES.includes(table)) throw new Error(`${table} is not partitioned by day`);
  }

  async ensure(pool: pg.Pool, days: Iterable<bigint>): Promise<void> {
    const missing = [...new Set(days)].filter((day) => !this.known.has(day));
    if (missing.length === 0) return;
    // Created in a short transaction of its own: attaching a partition locks the parent table,
    // which must not be held for the length of an ingest transaction.
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [AdvisoryLock.PARTITIONS]);
      for (const day of missing) {
        const from = day * DAY_NANOS;
        await client.query(
          `CREATE TABLE IF NOT EXISTS "${partitionName(day, this.table)}" PARTITION OF ${this.table}
           FOR VALUES FROM (${from}) TO (${from + DAY_NANOS})`,
        );
      }
      await client.query("COMMIT");
      for (const day of missing) this.known.add(day);
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Day partitions of `spans`. */
export class SpanPartitions extends DayPartitions {
  constructor() {
    super("spans");
  }
}
