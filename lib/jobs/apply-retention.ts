// Expires data: raw spans and metric points after SPAN_RETENTION by dropping whole day partitions
// (no row-by-row DELETE, no bloat), metric series once they have no points left, and rollups after
// the longer ROLLUP_RETENTION, so latency history outlives traces.
// Runs at start and hourly; a try-lock lets one of several processes do it.
//
// Retention never blocks ingest or reads (#21). A plain `DROP TABLE` of a partition takes an
// ACCESS EXCLUSIVE lock on the parent (`spans`): queued behind one long dashboard query, it stalls
// every ingest and read behind it. So each partition is first detached with
// `DETACH PARTITION … CONCURRENTLY` (a SHARE UPDATE EXCLUSIVE lock on the parent, which ingest and
// reads don't conflict with; it waits for the queries that still see the partition), then the
// detached table is dropped on its own. Every statement runs in its own short transaction under a
// lock timeout: a partition that cannot be detached now is left for the next run (a detach
// interrupted half-way is finished with `FINALIZE`). Row deletes go in small batches.
// With a disk budget (MAX_DISK_BYTES), while the database is larger than the budget the oldest
// day partitions of spans and metric points go too, oldest first, never the current day's.
import type pg from "pg";
import { AdvisoryLock } from "@/lib/db/advisory-locks";
import { Db } from "@/lib/db/sql";
import { DAY_NANOS } from "@/lib/ingest/shared/day-partitions";
import { preservePinnedTraces } from "@/lib/jobs/preserve-pinned-traces";
import { NANOS_PER_MINUTE } from "@/lib/rollups/minutes";

export interface RetentionResult {
  /** every partition dropped, for age or for the disk budget */
  droppedPartitions: string[];
  /** those dropped only because the database was over MAX_DISK_BYTES */
  droppedForDisk: string[];
  /** Expired partitions left for the next run (a lock was not granted within the lock timeout). */
  deferredPartitions: string[];
  deletedTraces: number;
  deletedRollupRows: number;
  deletedMetricSeries: number;
}

export interface RetentionOptions {
  /** How long one statement may wait for a lock before it gives up until the next run. */
  lockTimeoutMs?: number;
  /** Rows per DELETE statement. */
  batchRows?: number;
}

const LOCK_NOT_AVAILABLE = "55P03";
const ROLLUP_TABLES = [
  "endpoint_minutes",
  "endpoint_ten_minutes",
  "endpoint_cache_minutes",
  "endpoint_cache_latency",
  "cache_span_minutes",
] as const;

export async function applyRetention(
  pool: pg.Pool,
  retention: { spansMs: number; rollupsMs: number; maxDiskBytes?: number },
  nowMs = Date.now(),
  options: RetentionOptions = {},
): Promise<RetentionResult | null> {
  const lockTimeoutMs = Math.max(1, Math.round(options.lockTimeoutMs ?? 5_000));
  const batchRows = Math.max(1, Math.round(options.batchRows ?? 10_000));
  const spanCutoff = BigInt(nowMs - retention.spansMs) * 1_000_000n;
  const rollupCutoffMinute = (BigInt(nowMs - retention.rollupsMs) * 1_000_000n) / NANOS_PER_MINUTE;
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // A session lock: the run spans many transactions (DETACH CONCURRENTLY cannot run inside one).
    const locked = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [
      AdvisoryLock.RETENTION,
    ]);
    if (!locked.rows[0]?.ok) return null;
    try {
      await client.query(`SET lock_timeout = ${lockTimeoutMs}`);
      return await expire(client, {
        spanCutoff,
        rollupCutoffMinute,
        nowMs,
        batchRows,
        maxDiskBytes: retention.maxDiskBytes,
      });
    } finally {
      await client.query("RESET lock_timeout");
      await client.query("SELECT pg_advisory_unlock($1)", [AdvisoryLock.RETENTION]);
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // A connection that failed mid-run may still hold the session lock or setting: discard it.
    client.release(broken);
  }
}

interface Partition {
  name: string;
  parent: string;
  lower: bigint;
  upper: bigint;
  pending: boolean;
}

async function expire(
  client: pg.PoolClient,
  run: {
    spanCutoff: bigint;
    rollupCutoffMinute: bigint;
    nowMs: number;
    batchRows: number;
    maxDiskBytes?: number;
  },
): Promise<RetentionResult> {
  const { spanCutoff, rollupCutoffMinute, nowMs, batchRows } = run;
  const droppedPartitions: string[] = [];
  const droppedForDisk: string[] = [];
  const deferredPartitions: string[] = [];
  /** Pinned spans are copied out, then the partition detached and dropped; false if deferred. */
  const drop = async (partition: Partition): Promise<boolean> => {
    await preserveBefore(client, partition.upper);
    const table = quoteIdent(partition.name);
    try {
      await client.query(
        `ALTER TABLE ${quoteIdent(partition.parent)} DETACH PARTITION ${table} ${partition.pending ? "FINALIZE" : "CONCURRENTLY"}`,
      );
      await client.query(`DROP TABLE ${table}`);
      droppedPartitions.push(partition.name);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
      deferredPartitions.push(partition.name);
      return false;
    }
  };

  const partitions = await listPartitions(client);
  // A partition goes once all of its day is past the cutoff.
  const expired = partitions.filter((p) => p.upper <= spanCutoff);
  for (const partition of expired) await drop(partition);

  // The disk budget: oldest days first, while the database is over it; never the current day.
  let traceCutoff = spanCutoff;
  if (run.maxDiskBytes !== undefined) {
    const startOfToday = ((BigInt(nowMs) * 1_000_000n) / DAY_NANOS) * DAY_NANOS;
    const candidates = partitions
      .filter((p) => p.upper > spanCutoff && p.upper <= startOfToday)
      .sort((a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0));
    for (const partition of candidates) {
      if ((await databaseBytes(client)) <= run.maxDiskBytes) break;
      if (await drop(partition)) {
        droppedForDisk.push(partition.name);
        if (partition.upper > traceCutoff) traceCutoff = partition.upper;
      }
    }
  }

  // A series goes with its last point; first_seen_at spares one created while this runs.
  const deletedMetricSeries = await deleteInBatches(
    client,
    "metric_series",
    `first_seen_at < to_timestamp($1::float8 / 1000) - interval '1 hour'
     AND NOT EXISTS (SELECT 1 FROM metric_points p WHERE p.series_id = metric_series.series_id)`,
    [nowMs],
    batchRows,
  );
  const deletedTraces = await deleteInBatches(
    client,
    "traces",
    "end_time_unix_nano < $1",
    [(traceCutoff / DAY_NANOS) * DAY_NANOS],
    batchRows,
  );
  await deleteInBatches(
    client,
    "request_cache_lookups",
    "minute < $1",
    [traceCutoff / NANOS_PER_MINUTE],
    batchRows,
  );
  let deletedRollupRows = 0;
  for (const table of ROLLUP_TABLES) {
    deletedRollupRows += await deleteInBatches(client, table, "minute < $1", [rollupCutoffMinute], batchRows);
  }
  return {
    droppedPartitions,
    droppedForDisk,
    deferredPartitions,
    deletedTraces,
    deletedRollupRows,
    deletedMetricSeries,
  };
}

/** Pinned traces outlive their partitions: their spans before `beforeNanos` are copied out first. */
async function preserveBefore(client: pg.PoolClient, beforeNanos: bigint): Promise<void> {
  await client.query("BEGIN");
  try {
    await preservePinnedTraces(new Db(client), beforeNanos);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

async function listPartitions(client: pg.PoolClient): Promise<Partition[]> {
  const rows = await client.query<{ name: string; parent: string; bound: string; pending: boolean }>(
    `SELECT c.relname AS name, p.relname AS parent, pg_get_expr(c.relpartbound, c.oid) AS bound,
            i.inhdetachpending AS pending
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
     WHERE i.inhparent IN ('spans'::regclass, 'metric_points'::regclass)`,
  );
  return rows.rows.flatMap(({ name, parent, bound, pending }) => {
    const range = /FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)/.exec(bound);
    if (!range) return [];
    return [{ name, parent, pending, lower: BigInt(range[1] as string), upper: BigInt(range[2] as string) }];
  });
}

async function databaseBytes(client: pg.PoolClient): Promise<number> {
  const result = await client.query<{ bytes: string }>(
    "SELECT pg_database_size(current_database()) AS bytes",
  );
  return Number(result.rows[0]?.bytes ?? 0);
}

/**
 * Deletes the rows matching `where` a batch at a time, each batch its own short transaction, so
 * no lock is held for long and no single transaction grows with the table. `table` is one of this
 * file's constants (never user input); none of them is partitioned, so a ctid names one row.
 */
async function deleteInBatches(
  client: pg.PoolClient,
  table: string,
  where: string,
  params: unknown[],
  batchRows: number,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await client.query(
      `DELETE FROM ${table} WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${table} WHERE ${where} LIMIT ${batchRows}))`,
      params,
    );
    const rows = result.rowCount ?? 0;
    deleted += rows;
    if (rows < batchRows) return deleted;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
