// Daily range partitions of `spans`, created on demand. Expiry (a later milestone) drops them.
import type pg from "pg";

export const DAY_NANOS = 86_400_000_000_000n;
/** Arbitrary constant: serialises partition creation across processes sharing a database. */
const PARTITION_LOCK_KEY = 7_240_019_002;

export function dayOf(unixNano: bigint): bigint {
  return unixNano / DAY_NANOS;
}

export function partitionName(day: bigint): string {
  const date = new Date(Number(day) * 86_400_000);
  return `spans_${date.toISOString().slice(0, 10).replaceAll("-", "")}`;
}

/** Remembers which days exist so the hot path asks PostgreSQL only about new days. */
export class SpanPartitions {
  private readonly known = new Set<bigint>();

  async ensure(pool: pg.Pool, days: Iterable<bigint>): Promise<void> {
    const missing = [...new Set(days)].filter((day) => !this.known.has(day));
    if (missing.length === 0) return;
    // Created in a short transaction of its own: attaching a partition locks the parent table,
    // which must not be held for the length of an ingest transaction.
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [PARTITION_LOCK_KEY]);
      for (const day of missing) {
        const from = day * DAY_NANOS;
        await client.query(
          `CREATE TABLE IF NOT EXISTS "${partitionName(day)}" PARTITION OF spans
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
