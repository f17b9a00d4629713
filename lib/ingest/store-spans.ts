// Writes normalised spans in one transaction: COPY into a per-connection staging table, then
// INSERT … ON CONFLICT DO NOTHING into `spans`, so a retried export never duplicates a span, and
// trace bounds are maintained from the rows actually inserted. Uses pg directly (COPY), not Prisma:
// this is the ingest hot path (see bench/ingest.ts).
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { SPAN_COPY_COLUMNS, spanCopyLine } from "@/lib/ingest/copy-text";
import { dayOf, type SpanPartitions } from "@/lib/ingest/span-partitions";
import type { ResourceRow, SpanRow } from "@/lib/ingest/span-row";

const columns = SPAN_COPY_COLUMNS.join(", ");

const INSERT_SPANS_AND_TRACES = `
WITH inserted AS (
  INSERT INTO spans (${columns})
  SELECT ${columns} FROM span_staging
  ON CONFLICT DO NOTHING
  RETURNING trace_id, start_time_unix_nano, duration_nano, parent_span_id, service_name, name
), upserted_traces AS (
INSERT INTO traces (trace_id, start_time_unix_nano, end_time_unix_nano, span_count, root_service_name, root_span_name)
SELECT trace_id, min(start_time_unix_nano), max(start_time_unix_nano + duration_nano), count(*),
       (array_agg(service_name) FILTER (WHERE parent_span_id IS NULL))[1],
       (array_agg(name) FILTER (WHERE parent_span_id IS NULL))[1]
FROM inserted
GROUP BY trace_id
ORDER BY trace_id -- a fixed lock order keeps concurrent writers from deadlocking
ON CONFLICT (trace_id) DO UPDATE SET
  start_time_unix_nano = least(traces.start_time_unix_nano, excluded.start_time_unix_nano),
  end_time_unix_nano = greatest(traces.end_time_unix_nano, excluded.end_time_unix_nano),
  span_count = traces.span_count + excluded.span_count,
  root_service_name = coalesce(traces.root_service_name, excluded.root_service_name),
  root_span_name = coalesce(traces.root_span_name, excluded.root_span_name),
  updated_at = now()
RETURNING 1
)
SELECT count(*)::int AS inserted FROM inserted`;

const INSERT_RESOURCES = `
INSERT INTO resources (id, service_name, attributes)
SELECT * FROM unnest($1::bigint[], $2::text[], $3::jsonb[])
ON CONFLICT (id) DO NOTHING`;

export interface StoreResult {
  /** spans newly stored (retried duplicates excluded) */
  inserted: number;
}

export class SpanStore {
  private readonly stagedClients = new WeakSet<pg.PoolClient>();
  private readonly knownResources = new Set<bigint>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly partitions: SpanPartitions,
  ) {}

  async write(spans: SpanRow[], resources: ResourceRow[]): Promise<StoreResult> {
    if (spans.length === 0) return { inserted: 0 };
    await this.partitions.ensure(
      this.pool,
      spans.map((span) => dayOf(span.startTimeUnixNano)),
    );
    const newResources = uniqueResources(resources).filter(
      (resource) => !this.knownResources.has(resource.id),
    );
    const client = await this.pool.connect();
    try {
      await this.ensureStaging(client);
      await client.query("BEGIN");
      if (newResources.length > 0) {
        await client.query(INSERT_RESOURCES, [
          newResources.map((r) => r.id.toString()),
          newResources.map((r) => r.serviceName),
          newResources.map((r) => r.attributesJson),
        ]);
      }
      await pipeline(copyLines(spans), client.query(copyFrom(`COPY span_staging (${columns}) FROM STDIN`)));
      const result = await client.query<{ inserted: number }>(INSERT_SPANS_AND_TRACES);
      await client.query("COMMIT");
      for (const resource of newResources) this.knownResources.add(resource.id);
      return { inserted: result.rows[0]?.inserted ?? 0 };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async ensureStaging(client: pg.PoolClient): Promise<void> {
    if (this.stagedClients.has(client)) return;
    await client.query(
      "CREATE TEMP TABLE IF NOT EXISTS span_staging (LIKE spans INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
    );
    this.stagedClients.add(client);
  }
}

/** COPY input in ~256 KiB chunks: few stream writes, bounded extra memory. */
function* copyLines(spans: SpanRow[]): Generator<string> {
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
