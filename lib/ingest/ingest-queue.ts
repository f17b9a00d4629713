// Group commit: concurrent export requests wait in one queue and a few writers each drain as many
// as fit in one transaction, so eight senders cost about one commit (one fsync) per round instead
// of eight. Every request is resolved only after the transaction holding its spans has committed.
import type { ResourceRow, SpanRow } from "@/lib/ingest/span-row";

export interface SpanWriter {
  write(spans: SpanRow[], resources: ResourceRow[]): Promise<unknown>;
}

/** The queue holds more spans than INGEST_MAX_QUEUED_SPANS: the sender should retry later (429). */
export class IngestSaturatedError extends Error {
  override name = "IngestSaturatedError";
}

/** Shutting down, or the database cannot be written: retry later (503). */
export class IngestUnavailableError extends Error {
  override name = "IngestUnavailableError";
}

interface Pending {
  spans: SpanRow[];
  resources: ResourceRow[];
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface IngestQueueOptions {
  maxQueuedSpans: number;
  batchMaxSpans: number;
  writers: number;
}

export class IngestQueue {
  private readonly pending: Pending[] = [];
  private queuedSpans = 0;
  private activeWriters = 0;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly writer: SpanWriter,
    private readonly options: IngestQueueOptions,
  ) {}

  /** Spans accepted but not yet committed. */
  get depth(): number {
    return this.queuedSpans;
  }

  /** Resolves once the spans are committed. */
  submit(spans: SpanRow[], resources: ResourceRow[]): Promise<void> {
    if (this.closed) return Promise.reject(new IngestUnavailableError("Tracewell is shutting down"));
    if (spans.length === 0) return Promise.resolve();
    if (this.queuedSpans > 0 && this.queuedSpans + spans.length > this.options.maxQueuedSpans) {
      return Promise.reject(
        new IngestSaturatedError(`ingest queue is full (${this.queuedSpans} spans waiting); retry later`),
      );
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ spans, resources, resolve, reject });
      this.queuedSpans += spans.length;
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

  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    let spans = 0;
    while (this.pending.length > 0) {
      const next = this.pending[0] as Pending;
      if (group.length > 0 && spans + next.spans.length > this.options.batchMaxSpans) break;
      group.push(next);
      spans += next.spans.length;
      this.pending.shift();
    }
    return group;
  }

  /** Frees queue room before answering, so a sender that is answered can send again at once. */
  private release(group: Pending[]): void {
    for (const item of group) this.queuedSpans -= item.spans.length;
  }

  private async commit(group: Pending[]): Promise<void> {
    try {
      await this.writer.write(
        group.flatMap((item) => item.spans),
        group.flatMap((item) => item.resources),
      );
      this.release(group);
      for (const item of group) item.resolve();
    } catch (error) {
      this.release(group);
      if (group.length > 1 && !isConnectionError(error)) {
        // One request's data broke the shared transaction: retry each alone so the others still land.
        for (const item of group) {
          try {
            await this.writer.write(item.spans, item.resources);
            item.resolve();
          } catch (single) {
            item.reject(toIngestError(single));
          }
        }
        return;
      }
      for (const item of group) item.reject(toIngestError(error));
    }
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? "";
  return code.startsWith("08") || code === "57P01" || code === "ECONNREFUSED" || code === "ECONNRESET";
}

function toIngestError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new IngestUnavailableError(`could not store spans: ${message}`);
}
