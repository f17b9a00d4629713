-- The trace page's answer for a large trace, kept after its first opening
-- (lib/queries/traces/trace-pages.ts): served again while ingest_version is still the trace's.
CREATE TABLE "trace_pages" (
    "trace_id" BYTEA NOT NULL,
    "ingest_version" INTEGER NOT NULL,
    "max_spans" INTEGER NOT NULL,
    -- the shape the answer was built in (trace-pages.ts): another is never served
    "shape" TEXT NOT NULL,
    -- gzipped JSON of the compact shape (lib/contracts/compact-trace.ts)
    "body" BYTEA NOT NULL,
    "stored_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT "trace_pages_pkey" PRIMARY KEY ("trace_id"),
    CONSTRAINT "trace_pages_trace_id_fkey" FOREIGN KEY ("trace_id") REFERENCES "traces" ("trace_id") ON DELETE CASCADE
);

-- Gzipped already: stored as it is, not compressed a second time.
ALTER TABLE "trace_pages" ALTER COLUMN "body" SET STORAGE EXTERNAL;
