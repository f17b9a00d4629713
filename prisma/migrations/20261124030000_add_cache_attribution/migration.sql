-- Cache hit ratios per endpoint (README § Cache hit ratio, lib/cache/).

-- 1 hit, 0 miss, NULL when the span is not a cache lookup (lib/cache/cache-lookup.ts).
ALTER TABLE "spans" ADD COLUMN "cache_result" SMALLINT;

-- Lookups are attributed to requests once a trace has been quiet for a moment, and again
-- whenever more of it arrives: every ingest bumps ingest_version, the resolver records the
-- version it saw. A trace is pending while cache_resolved_version < ingest_version.
ALTER TABLE "traces"
    ADD COLUMN "cache_lookups" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "ingest_version" INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN "cache_resolved_version" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "traces_cache_pending_idx" ON "traces" ("updated_at")
    WHERE "cache_lookups" > 0 AND "cache_resolved_version" < "ingest_version";

-- The attribution of the latest resolution, per request span that made lookups. Replaced when
-- its trace is resolved again; the rollups below change by the difference, so they stay exact.
CREATE TABLE "request_cache_lookups" (
    "trace_id" BYTEA NOT NULL,
    "request_span_id" BYTEA NOT NULL,
    "minute" BIGINT NOT NULL,
    "service_name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "duration_nano" BIGINT NOT NULL,
    "lookups" INTEGER NOT NULL,
    "hits" INTEGER NOT NULL,
    CONSTRAINT "request_cache_lookups_pkey" PRIMARY KEY ("trace_id", "request_span_id")
);

-- Attributed lookups and hits per endpoint and minute (minute of the request's start).
CREATE TABLE "endpoint_cache_minutes" (
    "minute" BIGINT NOT NULL,
    "service_name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "lookups" BIGINT NOT NULL,
    "hits" BIGINT NOT NULL,
    CONSTRAINT "endpoint_cache_minutes_pkey" PRIMARY KEY ("minute", "service_name", "endpoint")
);

-- Latency of requests by cache outcome (0: at least one miss, 1: hits only), one row per log
-- bucket (lib/rollups/latency-histogram.ts): what a miss costs.
CREATE TABLE "endpoint_cache_latency" (
    "minute" BIGINT NOT NULL,
    "service_name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "outcome" SMALLINT NOT NULL,
    "bucket" SMALLINT NOT NULL,
    "requests" BIGINT NOT NULL,
    CONSTRAINT "endpoint_cache_latency_pkey" PRIMARY KEY ("minute", "service_name", "endpoint", "outcome", "bucket")
);

-- Lookups per cache span name and system (e.g. "redis GET", "redis"), written at ingest.
CREATE TABLE "cache_span_minutes" (
    "minute" BIGINT NOT NULL,
    "service_name" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "lookups" BIGINT NOT NULL,
    "hits" BIGINT NOT NULL,
    CONSTRAINT "cache_span_minutes_pkey" PRIMARY KEY ("minute", "service_name", "name", "system")
);
