// Group commit semantics with an in-process writer (the real store is covered by *.db.test.ts).
import { describe, expect, it } from "vitest";
import {
  IngestQueue,
  IngestSaturatedError,
  IngestUnavailableError,
  type QueueWriter,
} from "@/lib/ingest/shared/ingest-queue";
import type { ResourceRow } from "@/lib/ingest/shared/normalize-resource";
import type { SpanRow } from "@/lib/ingest/traces/span-row";

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `span ${i}` }) as unknown as SpanRow);

/** A writer whose transactions finish only when the test says so. */
function controllableWriter() {
  const calls: Array<{ spans: number; finish: (error?: Error) => void }> = [];
  const writer: QueueWriter<SpanRow, ResourceRow> = {
    write: (spans) =>
      new Promise((resolve, reject) => {
        calls.push({ spans: spans.length, finish: (error) => (error ? reject(error) : resolve(undefined)) });
      }),
  };
  return { writer, calls };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("IngestQueue", () => {
  it("resolves a request only after the transaction holding its spans commits", async () => {
    const { writer, calls } = controllableWriter();
    const queue = new IngestQueue(writer, { maxQueuedSpans: 1000, batchMaxSpans: 100, writers: 1 });
    let done = false;
    const submitted = queue.submit(rows(3), []).then(() => {
      done = true;
    });
    await tick();
    expect(done).toBe(false);
    calls[0]?.finish();
    await submitted;
    expect(done).toBe(true);
  });

  it("groups requests that wait while a writer is busy into one transaction", async () => {
    const { writer, calls } = controllableWriter();
    const queue = new IngestQueue(writer, { maxQueuedSpans: 1000, batchMaxSpans: 100, writers: 1 });
    const all = [queue.submit(rows(10), []), queue.submit(rows(20), []), queue.submit(rows(30), [])];
    await tick();
    expect(calls.map((c) => c.spans)).toEqual([10]);
    calls[0]?.finish();
    await tick();
    expect(calls.map((c) => c.spans)).toEqual([10, 50]);
    calls[1]?.finish();
    await Promise.all(all);
  });

  it("splits groups at batchMaxSpans", async () => {
    const { writer, calls } = controllableWriter();
    const queue = new IngestQueue(writer, { maxQueuedSpans: 1000, batchMaxSpans: 25, writers: 1 });
    const all = [
      queue.submit(rows(5), []),
      queue.submit(rows(20), []),
      queue.submit(rows(20), []),
      queue.submit(rows(1), []),
    ];
    await tick();
    for (let i = 0; i < 3; i++) {
      calls[i]?.finish();
      await tick();
    }
    await Promise.all(all);
    expect(calls.map((c) => c.spans)).toEqual([5, 20, 21]);
  });

  it("refuses work beyond maxQueuedSpans with IngestSaturatedError, and accepts again once drained", async () => {
    const { writer, calls } = controllableWriter();
    const queue = new IngestQueue(writer, { maxQueuedSpans: 10, batchMaxSpans: 100, writers: 1 });
    const first = queue.submit(rows(8), []);
    await expect(queue.submit(rows(5), [])).rejects.toBeInstanceOf(IngestSaturatedError);
    calls[0]?.finish();
    await first;
    const again = queue.submit(rows(5), []);
    await tick();
    calls[1]?.finish();
    await again;
  });

  it("retries each request alone when a shared transaction fails, so one bad request fails alone", async () => {
    const failing: QueueWriter<SpanRow, ResourceRow> = {
      write: async (spans) => {
        if (spans.some((span) => span.name === "poison"))
          throw Object.assign(new Error("invalid input"), { code: "22P02" });
      },
    };
    const queue = new IngestQueue(failing, { maxQueuedSpans: 1000, batchMaxSpans: 100, writers: 1 });
    const blocker = queue.submit(rows(1), []);
    const good = queue.submit(rows(2), []);
    const bad = queue.submit([{ name: "poison" } as unknown as SpanRow], []);
    await blocker;
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toBeInstanceOf(IngestUnavailableError);
  });

  it("close() waits for accepted work and refuses new work", async () => {
    const { writer, calls } = controllableWriter();
    const queue = new IngestQueue(writer, { maxQueuedSpans: 1000, batchMaxSpans: 100, writers: 1 });
    const accepted = queue.submit(rows(3), []);
    let closed = false;
    const closing = queue.close().then(() => {
      closed = true;
    });
    await expect(queue.submit(rows(1), [])).rejects.toBeInstanceOf(IngestUnavailableError);
    await tick();
    expect(closed).toBe(false);
    calls[0]?.finish();
    await accepted;
    await closing;
    expect(closed).toBe(true);
  });
});
