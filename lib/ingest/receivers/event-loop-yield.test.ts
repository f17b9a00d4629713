import { afterEach, describe, expect, it } from "vitest";
import { EventLoopYield } from "./event-loop-yield";

/** Keeps the event loop busy for `ms`, as decoding a flood does. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

let gate: EventLoopYield | undefined;
afterEach(() => gate?.stop());

describe("EventLoopYield", () => {
  it("halves the limit while the event loop is slower than the target, down to min", async () => {
    gate = new EventLoopYield({ targetDelayMs: 30, max: 64, min: 4, intervalMs: 50 });
    gate.noteDashboardRequest();
    expect(gate.limit).toBe(64);
    const blocking = setInterval(() => block(120), 10);
    try {
      await expect.poll(() => gate?.limit, { timeout: 10_000, interval: 20 }).toBe(4);
    } finally {
      clearInterval(blocking);
    }
    expect(gate.describe()).toMatch(
      /event-loop delay p99 \d+ ms \(INGEST_YIELD_EVENT_LOOP_DELAY_MS=30\), 4 requests/,
    );
  });

  it("adds one request per quiet interval, up to max", async () => {
    gate = new EventLoopYield({ targetDelayMs: 1_000, max: 6, min: 2, intervalMs: 20 });
    gate.noteDashboardRequest();
    const blocking = setInterval(() => block(1_200), 10);
    await expect.poll(() => gate?.limit, { timeout: 15_000, interval: 20 }).toBeLessThan(6);
    clearInterval(blocking);
    await expect.poll(() => gate?.limit, { timeout: 10_000, interval: 20 }).toBe(6);
  });

  it("keeps the whole limit while nobody uses the dashboard, however slow the event loop", async () => {
    gate = new EventLoopYield({ targetDelayMs: 30, max: 64, min: 4, intervalMs: 50, watchedForMs: 500 });
    const watching = setInterval(() => gate?.noteDashboardRequest(), 20);
    const blocking = setInterval(() => block(120), 10);
    try {
      await expect.poll(() => gate?.limit, { timeout: 10_000, interval: 20 }).toBeLessThan(64);
      // No dashboard request since: after watchedForMs the limit is back at max, the loop still slow.
      clearInterval(watching);
      await expect.poll(() => gate?.limit, { timeout: 10_000, interval: 20 }).toBe(64);
    } finally {
      clearInterval(watching);
      clearInterval(blocking);
    }
  });
});
