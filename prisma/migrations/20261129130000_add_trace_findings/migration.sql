-- What the insight detectors (lib/analysis/insights) found in each analysed trace: one row per
-- request, kind and normalised call (N+1 queries, sequential calls, slow queries). The analyser
-- replaces a trace's rows whenever the trace is analysed again; rows go with their trace (retention).
CREATE TABLE "trace_findings" (
    "trace_id" BYTEA NOT NULL,
    "request_span_id" BYTEA NOT NULL,
    "kind" TEXT NOT NULL,
    "call_key" TEXT NOT NULL,
    "service_name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "request_start_unix_nano" BIGINT NOT NULL,
    "request_duration_nano" BIGINT NOT NULL,
    "span_ids" BYTEA[] NOT NULL,
    "call_count" INTEGER NOT NULL,
    "time_saved_nano" BIGINT NOT NULL,
    -- null for a finding; for a near miss (below a threshold, shown on the endpoint page) why
    "near_miss" TEXT,
    CONSTRAINT "trace_findings_pkey" PRIMARY KEY ("trace_id", "request_span_id", "kind", "call_key"),
    CONSTRAINT "trace_findings_trace_id_fkey" FOREIGN KEY ("trace_id") REFERENCES "traces" ("trace_id") ON DELETE CASCADE
);

-- GET /api/insights: a service's (or every service's) findings in a time window.
CREATE INDEX "trace_findings_service_start_idx" ON "trace_findings" ("service_name", "request_start_unix_nano");
CREATE INDEX "trace_findings_start_idx" ON "trace_findings" ("request_start_unix_nano");
