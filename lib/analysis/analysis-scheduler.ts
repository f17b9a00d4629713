// Runs the cache attribution resolver in the background: every second, or straight away again
// while a full batch of traces was pending. Stops cleanly on shutdown.
import type pg from "pg";
import { resolveCacheAttribution } from "@/lib/analysis/cache-attribution/cache-attribution-analyzer";

const INTERVAL_MS = 1_000;
const MAX_TRACES = 500;

export function startCacheAttribution(
  pool: pg.Pool,
  options: { quietMs: number; log: (line: string) => void },
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    running = resolveCacheAttribution(pool, { quietMs: options.quietMs, maxTraces: MAX_TRACES }).then(
      (resolved) => schedule(resolved === MAX_TRACES ? 0 : INTERVAL_MS),
      (error: Error) => {
        options.log(`Cache attribution failed (retrying): ${error.message}`);
        schedule(5 * INTERVAL_MS);
      },
    );
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delay);
    timer.unref();
  };
  schedule(INTERVAL_MS);

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
