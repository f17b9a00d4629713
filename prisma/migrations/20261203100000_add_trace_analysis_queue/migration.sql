-- Traces waiting for analysis move out of `traces` into a queue of their own (lib/analysis/).
-- Marking a trace analysed rewrote its `traces` row, and never as a HOT update (analyzed_version
-- is in the pending index's predicate): every trace left a dead row version behind and an entry in
-- each of the table's indexes, and trace search reads that table. Ingest now upserts a queue row
-- beside the trace; the worker deletes it once it has analysed that version.
CREATE TABLE "trace_analysis_queue" (
    "trace_id" BYTEA NOT NULL,
    "ingest_version" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trace_analysis_queue_pkey" PRIMARY KEY ("trace_id"),
    CONSTRAINT "trace_analysis_queue_trace_id_fkey" FOREIGN KEY ("trace_id") REFERENCES "traces" ("trace_id") ON DELETE CASCADE
);

CREATE INDEX "trace_analysis_queue_updated_at_idx" ON "trace_analysis_queue" ("updated_at");

INSERT INTO "trace_analysis_queue" ("trace_id", "ingest_version", "updated_at")
SELECT "trace_id", "ingest_version", "updated_at" FROM "traces" WHERE "analyzed_version" < "ingest_version";

DROP INDEX "traces_analysis_pending_idx";
ALTER TABLE "traces" DROP COLUMN "analyzed_version";
