-- What each request's database statements took (lib/analysis/insights/statement-stats.ts): one
-- row per trace, request and normalised statement, so `slow_query` can judge a statement by its
-- p95 over a window (merging the rows' histograms) instead of flagging single slow calls. The
-- insights analyser replaces a trace's rows whenever the trace is analysed again; rows go with
-- their trace (retention).
CREATE TABLE "request_statements" (
    "trace_id" BYTEA NOT NULL,
    "request_span_id" BYTEA NOT NULL,
    "call_key" TEXT NOT NULL,
    "service_name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "request_start_unix_nano" BIGINT NOT NULL,
    "calls" INTEGER NOT NULL,
    "total_nano" BIGINT NOT NULL,
    -- the calls' durations, packed like endpoint_minutes.latency_histogram
    "latency_histogram" BIGINT[] NOT NULL,
    "slowest_span_id" BYTEA NOT NULL,
    "slowest_nano" BIGINT NOT NULL,
    -- calls over INSIGHTS_SLOW_QUERY_MS when analysed, and their time beyond it
    "slow_span_ids" BYTEA[] NOT NULL,
    "excess_nano" BIGINT NOT NULL,
    CONSTRAINT "request_statements_pkey" PRIMARY KEY ("trace_id", "request_span_id", "call_key"),
    CONSTRAINT "request_statements_trace_id_fkey" FOREIGN KEY ("trace_id") REFERENCES "traces" ("trace_id") ON DELETE CASCADE
);

CREATE INDEX "request_statements_service_start_idx" ON "request_statements" ("service_name", "request_start_unix_nano");
CREATE INDEX "request_statements_start_idx" ON "request_statements" ("request_start_unix_nano");

-- slow_query is no longer a per-trace finding: its old rows would never be read again.
DELETE FROM "trace_findings" WHERE "kind" = 'slow_query';
