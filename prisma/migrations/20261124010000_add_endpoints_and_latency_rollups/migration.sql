-- Endpoints and per-minute latency rollups (docs/percentiles.md).

-- Request spans (SERVER/CONSUMER) carry their endpoint, computed at ingest by
-- lib/endpoints/endpoint-name.ts; other spans have NULL. http_status_code feeds the error rule.
ALTER TABLE "spans" ADD COLUMN "endpoint" TEXT, ADD COLUMN "http_status_code" SMALLINT;

-- Exemplars: the slowest requests of an endpoint in a time bucket. Partial: only request spans.
CREATE INDEX "spans_endpoint_start_idx" ON "spans" ("service_name", "endpoint", "start_time_unix_nano")
    WHERE "endpoint" IS NOT NULL;

-- Requests and errors per endpoint and minute (minute = start_time_unix_nano / 60e9).
CREATE TABLE "endpoint_minutes" (
    "minute" BIGINT NOT NULL,
    "service_name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "request_count" BIGINT NOT NULL,
    "error_count" BIGINT NOT NULL,
    CONSTRAINT "endpoint_minutes_pkey" PRIMARY KEY ("minute", "service_name", "endpoint")
);

-- Latency histogram per endpoint and minute: one row per non-empty log bucket
-- (lib/rollups/latency-histogram.ts). Quantiles over any window merge these rows.
CREATE TABLE "endpoint_latency_buckets" (
    "minute" BIGINT NOT NULL,
    "service_name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "bucket" SMALLINT NOT NULL,
    "request_count" BIGINT NOT NULL,
    CONSTRAINT "endpoint_latency_buckets_pkey" PRIMARY KEY ("minute", "service_name", "endpoint", "bucket")
);
