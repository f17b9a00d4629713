// The worker role: background work coordinated through the database, so any number of worker
// processes can share it — trace analysis (SKIP LOCKED batches) and the kept page answers of the
// large traces it took, retention (try-lock), the budget check (transaction try-lock) and its
// webhook deliveries (SKIP LOCKED).

import { analyzeQuietTraces } from "@/lib/analysis/analyze-quiet-traces";
import { traceAnalyzers } from "@/lib/analysis/analyzers";
import { keepQuietTracePages } from "@/lib/analysis/trace-pages/kept-trace-pages";
import type { TracewellConfig } from "@/lib/config";
import type { PoolDb } from "@/lib/db/sql";
import { applyRetention } from "@/lib/jobs/apply-retention";
import { checkBudgetsOnce } from "@/lib/jobs/check-budgets";
import { deliverNextBudgetWebhook } from "@/lib/jobs/deliver-budget-webhooks";
import { runPeriodically } from "@/lib/jobs/run-periodically";
import { logger } from "@/lib/log/logger";

const ANALYSIS_BATCH = 500;
const log = logger.child({ component: "worker" });

export function startWorkerRole(db: PoolDb, config: TracewellConfig): { stop(): Promise<void> } {
  const analyzers = traceAnalyzers(config.analysis.insights);
  const analysis = runPeriodically(
    "Trace analysis",
    async () => {
      const batch = await analyzeQuietTraces(db, analyzers, {
        quietMs: config.analysis.quietMs,
        maxTraces: ANALYSIS_BATCH,
      });
      // A large trace's page answer, built now that it is quiet, so that its first opening reads
      // it (TRACE_PAGE_KEEP_MIN_SPANS). Best effort: one missed is built by that opening instead.
      await keepQuietTracePages(db, batch.quietTraces, {
        minSpans: config.tracePageKeepMinSpans,
        maxSpans: config.tracePageMaxSpans,
      }).catch((error: unknown) => log.warn({ err: error }, "Keeping quiet traces' pages failed"));
      return { more: batch.traces === ANALYSIS_BATCH };
    },
    { intervalMs: 1_000, retryMs: 5_000 },
  );
  const retention = runPeriodically(
    "Retention",
    async () => {
      const result = await applyRetention(db.pool, config.retention);
      if (result && result.droppedPartitions.length > 0) {
        const forDisk =
          result.droppedForDisk.length > 0
            ? ` (for MAX_DISK_BYTES: ${result.droppedForDisk.join(", ")})`
            : "";
        log.info(`Retention: dropped ${result.droppedPartitions.join(", ")}${forDisk}`);
      }
      if (result && result.deferredPartitions.length > 0) {
        log.warn(
          `Retention: ${result.deferredPartitions.join(", ")} busy (lock timeout); left for the next run`,
        );
      }
      return { more: false };
    },
    { intervalMs: 3_600_000, retryMs: 3_600_000, firstDelayMs: 0 },
  );
  const budgets = runPeriodically(
    "Budget check",
    async () => {
      await checkBudgetsOnce(db, config.budgets);
      return { more: false };
    },
    { intervalMs: config.budgets.checkIntervalMs, retryMs: config.budgets.checkIntervalMs },
  );
  const webhooks = runPeriodically(
    "Budget webhooks",
    async () => ({ more: await deliverNextBudgetWebhook(db, config.budgets.webhookRetryBaseMs) }),
    { intervalMs: 1_000, retryMs: 5_000 },
  );
  return {
    stop: async () => {
      await Promise.all([analysis.stop(), retention.stop(), budgets.stop(), webhooks.stop()]);
    },
  };
}
