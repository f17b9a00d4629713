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
import type pg from "pg";
import { AdvisoryLock } from "@/lib/db/advisory-locks";
import { Db } from "@/lib/db/sql";
import { DAY_NANOS } from "@/lib/ingest/shared/day-partitions";
import { preservePinnedTraces } from "@/lib/jobs/preserve-pinned-traces";
import { NANOS_PER_MINUTE } from "@/lib/rollups/minutes";

export interface RetentionResult {
  droppedPartitions: string[];
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
  retention: { spansMs: number; rollupsMs: number },
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
      return await expire(client, { spanCutoff, rollupCutoffMinute, nowMs, batchRows });
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

async function expire(
  client: pg.PoolClient,
  run: { spanCutoff: bigint; rollupCutoffMinute: bigint; nowMs: number; batchRows: number },
): Promise<RetentionResult> {
  const { spanCutoff, rollupCutoffMinute, nowMs, batchRows } = run;
  // Pinned traces outlive their partitions: copied out before any partition goes.
  await client.query("BEGIN");
  try {
    await preservePinnedTraces(new Db(client), spanCutoff);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }

  const partitions = await client.query<{ name: string; parent: string; bound: string; pending: boolean }>(
    `SELECT c.relname AS name, p.relname AS parent, pg_get_expr(c.relpartbound, c.oid) AS bound,
            i.inhdetachpending AS pending
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
     WHERE i.inhparent IN ('spans'::regclass, 'metric_points'::regclass)`,
  );
  const droppedPartitions: string[] = [];
  const deferredPartitions: string[] = [];
  for (const { name, parent, bound, pending } of partitions.rows) {
    const upper = /TO \('?(-?\d+)'?\)/.exec(bound)?.[1];
    // A partition goes once all of its day is past the cutoff.
    if (upper === undefined || BigInt(upper) > spanCutoff) continue;
    const table = quoteIdent(name);
    try {
      await client.query(
        `ALTER TABLE ${quoteIdent(parent)} DETACH PARTITION ${table} ${pending ? "FINALIZE" : "CONCURRENTLY"}`,
      );
      await client.query(`DROP TABLE ${table}`);
      droppedPartitions.push(name);
    } catch (error) {
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
      deferredPartitions.push(name);
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
    [(spanCutoff / DAY_NANOS) * DAY_NANOS],
    batchRows,
  );
  await deleteInBatches(
    client,
    "request_cache_lookups",
    "minute < $1",
    [spanCutoff / NANOS_PER_MINUTE],
    batchRows,
  );
  let deletedRollupRows = 0;
  for (const table of ROLLUP_TABLES) {
    deletedRollupRows += await deleteInBatches(client, table, "minute < $1", [rollupCutoffMinute], batchRows);
  }
  return { droppedPartitions, deferredPartitions, deletedTraces, deletedRollupRows, deletedMetricSeries };
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
