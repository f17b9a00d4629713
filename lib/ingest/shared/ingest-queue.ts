// Group commit: concurrent export requests wait in one queue and a few writers each drain as many
// as fit in one transaction, so eight senders cost about one commit (one fsync) per round instead
// of eight. Every request is resolved only after the transaction holding its rows has committed.
// Generic over the rows (spans, metric data points) and the rows they refer to (resources, series):
// each signal has its own queue over its own store, with the same semantics.

import { isDatabaseUnavailable } from "@/lib/db/unavailable";

/** Writes rows and what they refer to in one transaction; resolves once committed. */
export interface QueueWriter<Row, Ref> {
  write(rows: Row[], refs: Ref[]): Promise<unknown>;
}

/** The queue holds more rows than INGEST_MAX_QUEUED_SPANS: the sender should retry later (429). */
export class IngestSaturatedError extends Error {
  override name = "IngestSaturatedError";
}

/** Shutting down, or the database cannot be written: retry later (503). */
export class IngestUnavailableError extends Error {
  override name = "IngestUnavailableError";
}

interface Pending<Row, Ref> {
  rows: Row[];
  refs: Ref[];
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface IngestQueueOptions {
  /** rows (spans or data points) accepted but not committed, beyond which senders get 429 */
  maxQueuedSpans: number;
  /** rows per transaction */
  batchMaxSpans: number;
  writers: number;
  /** what a row is, in messages to senders (default "spans") */
  rowNoun?: string;
  /** told of every committed transaction: its rows and how long the write took (self-metrics) */
  onCommit?: (rows: number, seconds: number) => void;
}

export class IngestQueue<Row, Ref> {
  private readonly pending: Pending<Row, Ref>[] = [];
  private queuedRows = 0;
  private activeWriters = 0;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly writer: QueueWriter<Row, Ref>,
    private readonly options: IngestQueueOptions,
  ) {}

  /** Rows accepted but not yet committed. */
  get depth(): number {
    return this.queuedRows;
  }

  /** Resolves once the rows are committed. */
  submit(rows: Row[], refs: Ref[]): Promise<void> {
    if (this.closed) return Promise.reject(new IngestUnavailableError("Tracewell is shutting down"));
    if (rows.length === 0) return Promise.resolve();
    if (this.queuedRows > 0 && this.queuedRows + rows.length > this.options.maxQueuedSpans) {
      return Promise.reject(
        new IngestSaturatedError(
          `ingest queue is full (${this.queuedRows} ${this.noun} waiting); retry later`,
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ rows, refs, resolve, reject });
      this.queuedRows += rows.length;
      this.pump();
    });
  }

  /** Stops accepting new work and waits until everything accepted is committed or failed. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.pending.length === 0 && this.activeWriters === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.pending.length > 0 && this.activeWriters < this.options.writers) {
      const group = this.takeGroup();
      this.activeWriters++;
      void this.commit(group).finally(() => {
        this.activeWriters--;
        if (this.pending.length > 0) this.pump();
        else if (this.activeWriters === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      });
    }
  }

  private get noun(): string {
    return this.options.rowNoun ?? "spans";
  }

  private takeGroup(): Pending<Row, Ref>[] {
    const group: Pending<Row, Ref>[] = [];
    let rows = 0;
    while (this.pending.length > 0) {
      const next = this.pending[0] as Pending<Row, Ref>;
      if (group.length > 0 && rows + next.rows.length > this.options.batchMaxSpans) break;
      group.push(next);
      rows += next.rows.length;
      this.pending.shift();
    }
    return group;
  }

  /** Frees queue room before answering, so a sender that is answered can send again at once. */
  private release(group: Pending<Row, Ref>[]): void {
    for (const item of group) this.queuedRows -= item.rows.length;
  }

  private async commit(group: Pending<Row, Ref>[]): Promise<void> {
    try {
      const started = performance.now();
      const rows = group.flatMap((item) => item.rows);
      await this.writer.write(
        rows,
        group.flatMap((item) => item.refs),
      );
      this.options.onCommit?.(rows.length, (performance.now() - started) / 1000);
      this.release(group);
      for (const item of group) item.resolve();
    } catch (error) {
      this.release(group);
      if (group.length > 1 && !isDatabaseUnavailable(error)) {
        // One request's data broke the shared transaction: retry each alone so the others still land.
        for (const item of group) {
          try {
            await this.writer.write(item.rows, item.refs);
            item.resolve();
          } catch (single) {
            item.reject(toIngestError(single, this.noun));
          }
        }
        return;
      }
      for (const item of group) item.reject(toIngestError(error, this.noun));
    }
  }
}

function toIngestError(error: unknown, noun: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new IngestUnavailableError(`could not store ${noun}: ${message}`);
}
