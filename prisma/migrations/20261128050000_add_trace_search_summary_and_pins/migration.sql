-- Trace search (GET /api/traces) and pinned traces (docs/api.md § Traces).

-- The trace summary, maintained at ingest by lib/ingest/upsert-traces.ts next to the bounds and
-- root it already holds: trace-level filters (duration, status, service) and every result row
-- are answered from `traces` alone, without reading spans.
--   error_count    spans with status ERROR
--   services       distinct service names of the trace's spans
--   root_endpoint  the root span's endpoint (request roots only)
ALTER TABLE "traces"
    ADD COLUMN "error_count" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "services" TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN "root_endpoint" TEXT;

-- sort=duration: "the 10 longest in the window" walks this index from the longest down and stops
-- after 10 traces in the window, instead of sorting every trace of the window.
CREATE INDEX "traces_duration_idx" ON "traces" (("end_time_unix_nano" - "start_time_unix_nano"), "trace_id");

-- status=error in a long window reads only the failed traces' entries.
CREATE INDEX "traces_error_start_idx" ON "traces" ("start_time_unix_nano") WHERE "error_count" > 0;

-- Pinned traces outlive SPAN_RETENTION: the pin keeps the trace's summary, and its spans are
-- copied to pinned_spans (at pin time, and again by retention before it drops a partition, for
-- spans that arrived later). pinned_spans is not partitioned: retention never touches it.
CREATE TABLE "pinned_traces" (
    "trace_id" BYTEA NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "pinned_by" TEXT NOT NULL,
    "pinned_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "start_time_unix_nano" BIGINT NOT NULL,
    "end_time_unix_nano" BIGINT NOT NULL,
    "span_count" INTEGER NOT NULL,
    "error_count" INTEGER NOT NULL,
    "root_service_name" TEXT,
    "root_span_name" TEXT,
    "services" TEXT[] NOT NULL DEFAULT '{}',
    CONSTRAINT "pinned_traces_pkey" PRIMARY KEY ("trace_id")
);

CREATE TABLE "pinned_spans" (LIKE "spans" INCLUDING DEFAULTS);
ALTER TABLE "pinned_spans" ADD CONSTRAINT "pinned_spans_pkey" PRIMARY KEY ("trace_id", "span_id", "start_time_unix_nano");
