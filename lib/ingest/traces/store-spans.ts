// Writes normalised spans, their trace rows and whatever is derived from them (rollups, given as
// `sinks` by lib/server, so ingest never imports the floors above it) in one transaction.
//
// Fast path: COPY straight into `spans` (pg COPY, not Prisma: this is the ingest hot path, see
// bench/ingest.ts). A retried export hits the primary key; only then the batch goes the slow,
// idempotent way (lib/ingest/write-transaction.ts), and only the rows actually inserted feed
// `traces` and the rollups, so a retry never counts twice.
import type pg from "pg";
import { Db } from "@/lib/db/sql";
import { SPAN_COPY_COLUMNS, spanCopyLine } from "@/lib/ingest/shared/copy-text";
import { dayOf, type SpanPartitions } from "@/lib/ingest/shared/day-partitions";
import type { ResourceRow } from "@/lib/ingest/shared/normalize-resource";
import { copyNewRows, inWriteTransaction, ResourceWriter } from "@/lib/ingest/shared/write-transaction";
import type { SpanRow } from "@/lib/ingest/traces/span-row";
import { upsertTraces } from "@/lib/ingest/traces/upsert-traces";

/**
 * Work derived from the spans a transaction actually inserted (retried duplicates excluded), run in
 * that same transaction: it commits with the spans or not at all.
 */
export type SpanSink = (tx: Db, fresh: SpanRow[]) => Promise<void>;

const SPANS = { table: "spans", columns: SPAN_COPY_COLUMNS.join(", ") };

export class SpanStore {
  private readonly resources = new ResourceWriter();

  constructor(
    private readonly pool: pg.Pool,
    private readonly partitions: SpanPartitions,
    private readonly sinks: readonly SpanSink[] = [],
  ) {}

  /** Stores the spans; resolves with how many were new (retried duplicates excluded). */
  async write(spans: SpanRow[], resources: ResourceRow[]): Promise<number> {
    if (spans.length === 0) return 0;
    await this.partitions.ensure(
      this.pool,
      spans.map((span) => dayOf(span.startTimeUnixNano)),
    );
    const newResources = this.resources.unknown(resources);
    const inserted = await inWriteTransaction(this.pool, async (client) => {
      await this.resources.insert(client, newResources);
      const fresh = await insertNewSpans(client, spans);
      const tx = new Db(client);
      await upsertTraces(tx, fresh);
      for (const sink of this.sinks) await sink(tx, fresh);
      return fresh.length;
    });
    this.resources.remember(newResources);
    return inserted;
  }
}

/** Inserts the spans not stored yet and returns them. */
async function insertNewSpans(client: pg.PoolClient, spans: SpanRow[]): Promise<SpanRow[]> {
  const inserted = await copyNewRows<
    SpanRow,
    { trace_id: Buffer; span_id: Buffer; start_time_unix_nano: string }
  >(client, SPANS, spans, spanCopyLine, "trace_id, span_id, start_time_unix_nano");
  if (inserted === null) return spans;
  const fresh = new Set(
    inserted.map((row) => spanKey(row.trace_id, row.span_id, BigInt(row.start_time_unix_nano))),
  );
  return spans.filter((span) => fresh.delete(spanKey(span.traceId, span.spanId, span.startTimeUnixNano)));
}

function spanKey(traceId: Buffer, spanId: Buffer, start: bigint): string {
  return `${traceId.toString("latin1")}${spanId.toString("latin1")}${start}`;
}
