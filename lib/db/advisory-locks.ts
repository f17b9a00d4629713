// Every PostgreSQL advisory-lock key Tracewell takes, in one registry, so two features can never
// pick the same number by accident. Several processes share one database (TRACEWELL_ROLES): these
// locks are how they take turns. The numbers are part of the on-disk contract — never reuse one.
export const AdvisoryLock = {
  /** lib/db/migrate.ts: one process applies migrations, the others wait (session lock) */
  MIGRATIONS: 7_240_019_001,
  /** lib/ingest/shared/day-partitions.ts: creating a day partition (transaction lock) */
  PARTITIONS: 7_240_019_002,
  /** lib/jobs/apply-retention.ts: one retention run at a time (session try-lock: a run spans many transactions) */
  RETENTION: 7_240_019_003,
  /** lib/server/ingest-auth.ts: the first start creates one ingest key, not one per process (transaction lock) */
  FIRST_INGEST_KEY: 7_240_019_004,
  /** lib/server/ui-auth.ts: the first start provisions one admin or one setup link, not one per process (transaction lock) */
  FIRST_ADMIN: 7_240_019_005,
  /** lib/jobs/check-budgets.ts: one process checks the budgets at a time (transaction try-lock) */
  BUDGET_CHECK: 7_240_019_019,
} as const;
