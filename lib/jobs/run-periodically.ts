// Background work of a worker process (analysis, retention): run now and then every `intervalMs`,
// straight away again while the last run said more is waiting, after `retryMs` when it failed.
// Several processes may run the same job: each job coordinates through the database
// (advisory try-locks or SKIP LOCKED), never by assuming it is alone. Stops cleanly.

import { logger } from "@/lib/log/logger";

const log = logger.child({ component: "jobs" });

export interface PeriodicJob {
  stop(): Promise<void>;
}

export function runPeriodically(
  name: string,
  work: () => Promise<{ more: boolean }>,
  options: { intervalMs: number; retryMs?: number; firstDelayMs?: number },
): PeriodicJob {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    running = work().then(
      ({ more }) => schedule(more ? 0 : options.intervalMs),
      (error: Error) => {
        log.error({ err: error, job: name }, `${name} failed (retrying)`);
        schedule(options.retryMs ?? options.intervalMs);
      },
    );
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delay);
    timer.unref();
  };
  schedule(options.firstDelayMs ?? options.intervalMs);

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
