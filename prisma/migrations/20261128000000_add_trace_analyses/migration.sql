-- One scheduler for every trace analyser (lib/analysis/): cache attribution was the only one, with
-- its state in columns of `traces`. Now `traces` says only whether a trace still needs analysing
-- (analyzed_version < ingest_version), and each analyser's runs are rows of trace_analyses.

-- The version the scheduler last analysed; every ingest bumps ingest_version (lib/ingest/traces/upsert-traces.ts).
ALTER TABLE "traces" RENAME COLUMN "cache_resolved_version" TO "analyzed_version";
-- Under the old rule only traces with cache lookups were ever pending: keep the others settled.
UPDATE "traces" SET "analyzed_version" = "ingest_version" WHERE "cache_lookups" = 0;

DROP INDEX "traces_cache_pending_idx";
CREATE INDEX "traces_analysis_pending_idx" ON "traces" ("updated_at")
    WHERE "analyzed_version" < "ingest_version";

-- Which version of a trace each analyser last saw. Rows go with their trace (retention).
CREATE TABLE "trace_analyses" (
    "trace_id" BYTEA NOT NULL,
    "analyzer" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "analyzed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT "trace_analyses_pkey" PRIMARY KEY ("trace_id", "analyzer"),
    CONSTRAINT "trace_analyses_trace_id_fkey" FOREIGN KEY ("trace_id") REFERENCES "traces" ("trace_id") ON DELETE CASCADE
);

INSERT INTO "trace_analyses" ("trace_id", "analyzer", "version")
SELECT "trace_id", 'cache-attribution', "analyzed_version" FROM "traces"
WHERE "cache_lookups" > 0 AND "analyzed_version" > 0;
