// Writes normalised metric data points, their series and resources in one transaction.
//
// Same shape as store-spans.ts: COPY straight into `metric_points` (pg COPY, not Prisma: this is
// an ingest hot path); a retried export hits the primary key, and only then the batch goes the
// slow, idempotent way — COPY into a staging table and INSERT … ON CONFLICT DO NOTHING. Series and
// resources are content-addressed (hash ids), so they are inserted with ON CONFLICT DO NOTHING.
import type pg from "pg";
import type { MetricPointRow, MetricSeriesRow } from "@/lib/ingest/metrics/metric-row";
import { copyText } from "@/lib/ingest/shared/copy-text";
import { type DayPartitions, dayOf } from "@/lib/ingest/shared/day-partitions";
import type { ResourceRow } from "@/lib/ingest/shared/normalize-resource";
import { copyNewRows, inWriteTransaction, ResourceWriter } from "@/lib/ingest/shared/write-transaction";

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
/** Series ids remembered as stored; past this many the memory is dropped and rebuilt. */
const KNOWN_SERIES_MAX = 200_000;
/**
 * ...and after this long: retention deletes series without points (lib/retention), and one that
 * comes back must be inserted again, not skipped as known.
 */
const KNOWN_SERIES_TTL_MS = 3_600_000;

const INSERT_SERIES = `
INSERT INTO metric_series (series_id, service_name, resource_id, scope_name, scope_version, metric_name,
  description, unit, metric_type, aggregation_temporality, is_monotonic, attributes, scope_attributes, metadata)
SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[],
  $7::text[], $8::text[], $9::int2[], $10::int2[], $11::bool[], $12::jsonb[], $13::jsonb[], $14::jsonb[])
ON CONFLICT (series_id) DO NOTHING`;

const POINTS = { table: "metric_points", columns: POINT_COLUMNS };

export class MetricPointStore {
  private readonly resources = new ResourceWriter();
  private readonly knownSeries = new Set<bigint>();
  private knownSince = Date.now();

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
    const series = new Map<bigint, MetricSeriesRow>();
    const resources: ResourceRow[] = [];
    for (const ref of refs) {
      if (!("seriesId" in ref)) resources.push(ref);
      else if (!this.knownSeries.has(ref.seriesId)) series.set(ref.seriesId, ref);
    }
    // Sorted by id: concurrent writers then take row locks in the same order.
    const newSeries = [...series.values()].sort((a, b) => compare(a.seriesId, b.seriesId));
    const newResources = this.resources.unknown(resources);
    const inserted = await inWriteTransaction(this.pool, async (client) => {
      await this.resources.insert(client, newResources);
      if (newSeries.length > 0) await client.query(INSERT_SERIES, seriesColumns(newSeries));
      const fresh = await copyNewRows(client, POINTS, points, pointCopyLine, "1");
      return fresh === null ? points.length : fresh.length;
    });
    this.resources.remember(newResources);
    if (
      this.knownSeries.size + newSeries.length > KNOWN_SERIES_MAX ||
      Date.now() - this.knownSince > KNOWN_SERIES_TTL_MS
    ) {
      this.knownSeries.clear();
      this.knownSince = Date.now();
    }
    for (const row of newSeries) this.knownSeries.add(row.seriesId);
    return inserted;
  }
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
    rows.map((s) => s.scopeAttributesJson),
    rows.map((s) => s.metadataJson),
  ];
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
