// Writes normalised metric data points, their series and resources in one transaction.
//
// Same shape as store-spans.ts: COPY straight into `metric_points` (pg COPY, not Prisma: this is
// an ingest hot path); a retried export hits the primary key, and only then the batch goes the
// slow, idempotent way — COPY into a staging table and INSERT … ON CONFLICT DO NOTHING. Series and
// resources are content-addressed (hash ids), so they are inserted with ON CONFLICT DO NOTHING.
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { copyText } from "@/lib/ingest/copy-text";
import type { MetricPointRow, MetricSeriesRow } from "@/lib/ingest/metric-row";
import { type DayPartitions, dayOf } from "@/lib/ingest/span-partitions";
import type { ResourceRow } from "@/lib/ingest/span-row";

/** What points refer to, queued with them: their series and the series' resources. */
export type MetricRef = MetricSeriesRow | ResourceRow;

const POINT_COLUMNS = [
  "series_id",
  "time_unix_nano",
  "start_time_unix_nano",
  "value",
  "int_value",
  "histogram",
  "exemplars",
  "flags",
].join(", ");
const UNIQUE_VIOLATION = "23505";
const DEADLOCK = "40P01";
const ATTEMPTS = 3;
/** Series ids remembered as stored; past this many the memory is dropped and rebuilt. */
const KNOWN_SERIES_MAX = 200_000;

const INSERT_RESOURCES = `
INSERT INTO resources (id, service_name, attributes)
SELECT * FROM unnest($1::bigint[], $2::text[], $3::jsonb[])
ON CONFLICT (id) DO NOTHING`;

const INSERT_SERIES = `
INSERT INTO metric_series (series_id, service_name, resource_id, scope_name, scope_version, metric_name,
  description, unit, metric_type, aggregation_temporality, is_monotonic, attributes)
SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[],
  $7::text[], $8::text[], $9::int2[], $10::int2[], $11::bool[], $12::jsonb[])
ON CONFLICT (series_id) DO NOTHING`;

const INSERT_NEW_FROM_STAGING = `
INSERT INTO metric_points (${POINT_COLUMNS})
SELECT ${POINT_COLUMNS} FROM metric_point_staging
ON CONFLICT DO NOTHING`;

export class MetricPointStore {
  private readonly knownResources = new Set<bigint>();
  private readonly knownSeries = new Set<bigint>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly partitions: DayPartitions,
  ) {}

  /** Stores the points; resolves with how many were new (retried duplicates excluded). */
  async write(points: MetricPointRow[], refs: MetricRef[]): Promise<number> {
    if (points.length === 0) return 0;
    await this.partitions.ensure(
      this.pool,
      points.map((point) => dayOf(point.timeUnixNano)),
    );
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeOnce(points, refs);
      } catch (error) {
        // Writers inserting the same new series or resources can deadlock; PostgreSQL aborts one
        // of them, and the whole transaction is safe to run again.
        if ((error as { code?: string }).code !== DEADLOCK || attempt === ATTEMPTS) throw error;
      }
    }
  }

  private async writeOnce(points: MetricPointRow[], refs: MetricRef[]): Promise<number> {
    const series = new Map<bigint, MetricSeriesRow>();
    const resources = new Map<bigint, ResourceRow>();
    for (const ref of refs) {
      if ("seriesId" in ref) {
        if (!this.knownSeries.has(ref.seriesId)) series.set(ref.seriesId, ref);
      } else if (!this.knownResources.has(ref.id)) resources.set(ref.id, ref);
    }
    // Sorted by id: concurrent writers then take row locks in the same order.
    const newSeries = [...series.values()].sort((a, b) => compare(a.seriesId, b.seriesId));
    const newResources = [...resources.values()].sort((a, b) => compare(a.id, b.id));
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      if (newResources.length > 0) {
        await client.query(INSERT_RESOURCES, [
          newResources.map((r) => r.id.toString()),
          newResources.map((r) => r.serviceName),
          newResources.map((r) => r.attributesJson),
        ]);
      }
      if (newSeries.length > 0) await client.query(INSERT_SERIES, seriesColumns(newSeries));
      const inserted = await insertPoints(client, points);
      await client.query("COMMIT");
      for (const resource of newResources) this.knownResources.add(resource.id);
      if (this.knownSeries.size + newSeries.length > KNOWN_SERIES_MAX) this.knownSeries.clear();
      for (const row of newSeries) this.knownSeries.add(row.seriesId);
      return inserted;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Inserts the points not stored yet; returns how many that was. */
async function insertPoints(client: pg.PoolClient, points: MetricPointRow[]): Promise<number> {
  await client.query("SAVEPOINT direct_copy");
  try {
    await copyPoints(client, "metric_points", points);
    await client.query("RELEASE SAVEPOINT direct_copy");
    return points.length;
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await client.query("ROLLBACK TO SAVEPOINT direct_copy");
  }
  await client.query(
    "CREATE TEMP TABLE IF NOT EXISTS metric_point_staging (LIKE metric_points INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
  );
  await copyPoints(client, "metric_point_staging", points);
  const result = await client.query(INSERT_NEW_FROM_STAGING);
  return result.rowCount ?? 0;
}

function copyPoints(client: pg.PoolClient, table: string, points: MetricPointRow[]): Promise<void> {
  return pipeline(copyChunks(points), client.query(copyFrom(`COPY ${table} (${POINT_COLUMNS}) FROM STDIN`)));
}

/** COPY input in ~256 KiB chunks: few stream writes, bounded extra memory. */
function* copyChunks(points: MetricPointRow[]): Generator<string> {
  let chunk = "";
  for (const point of points) {
    chunk += pointCopyLine(point);
    if (chunk.length > 262_144) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/** One row in COPY text format. Doubles print as PostgreSQL reads them (NaN, Infinity included). */
export function pointCopyLine(row: MetricPointRow): string {
  return `${row.seriesId}\t${row.timeUnixNano}\t${row.startTimeUnixNano}\t${row.value ?? "\\N"}\t${row.intValue ?? "\\N"}\t${copyText(row.histogramJson)}\t${copyText(row.exemplarsJson)}\t${row.flags}\n`;
}

function seriesColumns(rows: MetricSeriesRow[]): unknown[] {
  return [
    rows.map((s) => s.seriesId.toString()),
    rows.map((s) => s.serviceName),
    rows.map((s) => s.resourceId.toString()),
    rows.map((s) => s.scopeName),
    rows.map((s) => s.scopeVersion),
    rows.map((s) => s.metricName),
    rows.map((s) => s.description),
    rows.map((s) => s.unit),
    rows.map((s) => s.metricType),
    rows.map((s) => s.aggregationTemporality),
    rows.map((s) => s.isMonotonic),
    rows.map((s) => s.attributesJson),
  ];
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
