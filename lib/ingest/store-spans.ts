// Writes normalised spans, their trace bounds and endpoint rollups in one transaction.
//
// Fast path: COPY straight into `spans` (pg COPY, not Prisma: this is the ingest hot path, see
// bench/ingest.ts). A retried export hits the primary key; only then the batch goes the slow,
// idempotent way — COPY into a staging table and INSERT … ON CONFLICT DO NOTHING — and only the
// rows actually inserted feed `traces` and the rollups, so a retry never counts twice.
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { upsertCacheSpanRollups } from "@/lib/cache/upsert-cache-span-rollups";
import { SPAN_COPY_COLUMNS, spanCopyLine } from "@/lib/ingest/copy-text";
import { dayOf, type SpanPartitions } from "@/lib/ingest/span-partitions";
import type { ResourceRow, SpanRow } from "@/lib/ingest/span-row";
import { upsertTraces } from "@/lib/ingest/upsert-traces";
import { upsertEndpointRollups } from "@/lib/rollups/upsert-endpoint-rollups";

const columns = SPAN_COPY_COLUMNS.join(", ");
const UNIQUE_VIOLATION = "23505";
const DEADLOCK = "40P01";
const ATTEMPTS = 3;

const INSERT_NEW_FROM_STAGING = `
INSERT INTO spans (${columns})
SELECT ${columns} FROM span_staging
ON CONFLICT DO NOTHING
RETURNING trace_id, span_id, start_time_unix_nano`;

const INSERT_RESOURCES = `
INSERT INTO resources (id, service_name, attributes)
SELECT * FROM unnest($1::bigint[], $2::text[], $3::jsonb[])
ON CONFLICT (id) DO NOTHING`;

export class SpanStore {
  private readonly knownResources = new Set<bigint>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly partitions: SpanPartitions,
  ) {}

  /** Stores the spans; resolves with how many were new (retried duplicates excluded). */
  async write(spans: SpanRow[], resources: ResourceRow[]): Promise<number> {
    if (spans.length === 0) return 0;
    await this.partitions.ensure(
      this.pool,
      spans.map((span) => dayOf(span.startTimeUnixNano)),
    );
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeOnce(spans, resources);
      } catch (error) {
        // Writers sharing a trace or rollup row can deadlock despite sorted keys (index pages);
        // PostgreSQL aborts one of them, and the whole transaction is safe to run again.
        if ((error as { code?: string }).code !== DEADLOCK || attempt === ATTEMPTS) throw error;
      }
    }
  }

  private async writeOnce(spans: SpanRow[], resources: ResourceRow[]): Promise<number> {
    const newResources = uniqueResources(resources).filter(
      (resource) => !this.knownResources.has(resource.id),
    );
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
      const inserted = await insertSpans(client, spans);
      await upsertTraces(client, inserted);
      await upsertEndpointRollups(client, inserted);
      await upsertCacheSpanRollups(client, inserted);
      await client.query("COMMIT");
      for (const resource of newResources) this.knownResources.add(resource.id);
      return inserted.length;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Inserts the spans not stored yet and returns them. */
async function insertSpans(client: pg.PoolClient, spans: SpanRow[]): Promise<SpanRow[]> {
  await client.query("SAVEPOINT direct_copy");
  try {
    await copyRows(client, "spans", spans);
    await client.query("RELEASE SAVEPOINT direct_copy");
    return spans;
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await client.query("ROLLBACK TO SAVEPOINT direct_copy");
  }
  await client.query(
    "CREATE TEMP TABLE IF NOT EXISTS span_staging (LIKE spans INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
  );
  await copyRows(client, "span_staging", spans);
  const { rows } = await client.query<{ trace_id: Buffer; span_id: Buffer; start_time_unix_nano: string }>(
    INSERT_NEW_FROM_STAGING,
  );
  const fresh = new Set(
    rows.map((row) => spanKey(row.trace_id, row.span_id, BigInt(row.start_time_unix_nano))),
  );
  return spans.filter((span) => fresh.delete(spanKey(span.traceId, span.spanId, span.startTimeUnixNano)));
}

function spanKey(traceId: Buffer, spanId: Buffer, start: bigint): string {
  return `${traceId.toString("latin1")}${spanId.toString("latin1")}${start}`;
}

function copyRows(client: pg.PoolClient, table: string, spans: SpanRow[]): Promise<void> {
  return pipeline(copyChunks(spans), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
}

/** COPY input in ~256 KiB chunks: few stream writes, bounded extra memory. */
function* copyChunks(spans: SpanRow[]): Generator<string> {
  let chunk = "";
  for (const span of spans) {
    chunk += spanCopyLine(span);
    if (chunk.length > 262_144) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

function uniqueResources(resources: ResourceRow[]): ResourceRow[] {
  const byId = new Map<bigint, ResourceRow>();
  for (const resource of resources) byId.set(resource.id, resource);
  return [...byId.values()];
}
