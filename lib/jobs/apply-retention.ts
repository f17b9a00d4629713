// Expires data: raw spans and metric points after SPAN_RETENTION by dropping whole day partitions
// (no row-by-row DELETE, no bloat), metric series once they have no points left, and rollups after
// the longer ROLLUP_RETENTION, so latency history outlives traces.
// Runs at start and hourly; a try-lock lets one of several processes do it.
import type pg from "pg";
import { AdvisoryLock } from "@/lib/db/advisory-locks";
import { Db } from "@/lib/db/sql";
import { DAY_NANOS } from "@/lib/ingest/shared/day-partitions";
import { preservePinnedTraces } from "@/lib/jobs/preserve-pinned-traces";
import { NANOS_PER_MINUTE } from "@/lib/rollups/minutes";

export interface RetentionResult {
  droppedPartitions: string[];
  deletedTraces: number;
  deletedRollupRows: number;
  deletedMetricSeries: number;
}

export async function applyRetention(
  pool: pg.Pool,
  retention: { spansMs: number; rollupsMs: number },
  nowMs = Date.now(),
): Promise<RetentionResult | null> {
  const spanCutoff = BigInt(nowMs - retention.spansMs) * 1_000_000n;
  const rollupCutoffMinute = (BigInt(nowMs - retention.rollupsMs) * 1_000_000n) / NANOS_PER_MINUTE;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const locked = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS ok", [
      AdvisoryLock.RETENTION,
    ]);
    if (!locked.rows[0]?.ok) {
      await client.query("ROLLBACK");
      return null;
    }
    const partitions = await client.query<{ name: string; bound: string }>(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent IN ('spans'::regclass, 'metric_points'::regclass)`,
    );
    const droppedPartitions: string[] = [];
    await preservePinnedTraces(new Db(client), spanCutoff); // pinned traces outlive their partitions
    for (const { name, bound } of partitions.rows) {
      const upper = /TO \('?(-?\d+)'?\)/.exec(bound)?.[1];
      // A partition goes once all of its day is past the cutoff.
      if (upper !== undefined && BigInt(upper) <= spanCutoff) {
        await client.query(`DROP TABLE "${name.replaceAll('"', '""')}"`);
        droppedPartitions.push(name);
      }
    }
    // A series goes with its last point; first_seen_at spares one created while this runs.
    const series = await client.query(
      `DELETE FROM metric_series s WHERE s.first_seen_at < to_timestamp($1::float8 / 1000) - interval '1 hour'
       AND NOT EXISTS (SELECT 1 FROM metric_points p WHERE p.series_id = s.series_id)`,
      [nowMs],
    );
    const traces = await client.query("DELETE FROM traces WHERE end_time_unix_nano < $1", [
      (spanCutoff / DAY_NANOS) * DAY_NANOS,
    ]);
    let deletedRollupRows = 0;
    const spanCutoffMinute = spanCutoff / NANOS_PER_MINUTE;
    await client.query("DELETE FROM request_cache_lookups WHERE minute < $1", [spanCutoffMinute]);
    for (const table of [
      "endpoint_minutes",
      "endpoint_ten_minutes",
      "endpoint_cache_minutes",
      "endpoint_cache_latency",
      "cache_span_minutes",
    ]) {
      deletedRollupRows +=
        (await client.query(`DELETE FROM ${table} WHERE minute < $1`, [rollupCutoffMinute])).rowCount ?? 0;
    }
    await client.query("COMMIT");
    return {
      droppedPartitions,
      deletedTraces: traces.rowCount ?? 0,
      deletedRollupRows,
      deletedMetricSeries: series.rowCount ?? 0,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
