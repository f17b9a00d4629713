// The pieces both ingest stores (spans, metric points) write with: a retried transaction, the
// shared resources table, and COPY that falls back to an idempotent path only for retried data.
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { ResourceRow } from "@/lib/ingest/shared/normalize-resource";

const UNIQUE_VIOLATION = "23505";
const DEADLOCK = "40P01";
const ATTEMPTS = 3;

/**
 * Runs `work` in one transaction. Writers touching the same rows can deadlock despite sorted
 * keys (index pages); PostgreSQL aborts one of them, and that whole transaction is run again.
 */
export async function inWriteTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      if ((error as { code?: string }).code !== DEADLOCK || attempt === ATTEMPTS) throw error;
    } finally {
      client.release();
    }
  }
}

const INSERT_RESOURCES = `
INSERT INTO resources (id, service_name, attributes)
SELECT * FROM unnest($1::bigint[], $2::text[], $3::jsonb[])
ON CONFLICT (id) DO NOTHING`;

/** Inserts resources this process has not stored yet; remembers them once committed. */
export class ResourceWriter {
  private readonly known = new Set<bigint>();

  /** The distinct resources not known to be stored, sorted by id (a fixed lock order). */
  unknown(resources: Iterable<ResourceRow>): ResourceRow[] {
    const byId = new Map<bigint, ResourceRow>();
    for (const resource of resources) if (!this.known.has(resource.id)) byId.set(resource.id, resource);
    return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async insert(client: pg.PoolClient, resources: ResourceRow[]): Promise<void> {
    if (resources.length === 0) return;
    await client.query(INSERT_RESOURCES, [
      resources.map((r) => r.id.toString()),
      resources.map((r) => r.serviceName),
      resources.map((r) => r.attributesJson),
    ]);
  }

  /** Call after COMMIT only: a rolled-back insert must be tried again next time. */
  remember(resources: ResourceRow[]): void {
    for (const resource of resources) this.known.add(resource.id);
  }
}

export interface CopyTarget {
  table: string;
  /** comma-separated column list, in the order `line` writes them */
  columns: string;
}

/**
 * COPYs rows into `target.table` and returns null when all of them were new (the fast path).
 * When one is already stored (an exporter retried), rolls back to a savepoint and inserts only
 * the new ones through a staging table with ON CONFLICT DO NOTHING, returning the `returning`
 * columns of the rows actually inserted.
 */
export async function copyNewRows<Row, Returned extends pg.QueryResultRow>(
  client: pg.PoolClient,
  target: CopyTarget,
  rows: Row[],
  line: (row: Row) => string,
  returning: string,
): Promise<Returned[] | null> {
  await client.query("SAVEPOINT direct_copy");
  try {
    await copyRows(client, target.table, target.columns, rows, line);
    await client.query("RELEASE SAVEPOINT direct_copy");
    return null;
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await client.query("ROLLBACK TO SAVEPOINT direct_copy");
  }
  const staging = `${target.table}_staging`;
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS ${staging} (LIKE ${target.table} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`,
  );
  await copyRows(client, staging, target.columns, rows, line);
  const { rows: inserted } = await client.query<Returned>(
    `INSERT INTO ${target.table} (${target.columns}) SELECT ${target.columns} FROM ${staging}
     ON CONFLICT DO NOTHING RETURNING ${returning}`,
  );
  return inserted;
}

function copyRows<Row>(
  client: pg.PoolClient,
  table: string,
  columns: string,
  rows: Row[],
  line: (row: Row) => string,
): Promise<void> {
  return pipeline(chunks(rows, line), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
}

/** COPY input in ~256 KiB chunks: few stream writes, bounded extra memory. */
function* chunks<Row>(rows: Row[], line: (row: Row) => string): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += line(row);
    if (chunk.length > 262_144) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}
