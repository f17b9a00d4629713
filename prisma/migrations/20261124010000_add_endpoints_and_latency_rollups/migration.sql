-- Endpoints and per-minute latency rollups (docs/percentiles.md).

-- Request spans (SERVER/CONSUMER) carry their endpoint, computed at ingest by
-- lib/endpoints/endpoint-name.ts; other spans have NULL. http_status_code feeds the error rule.
ALTER TABLE "spans" ADD COLUMN "endpoint" TEXT, ADD COLUMN "http_status_code" SMALLINT;

-- Exemplars: the slowest requests of an endpoint in a time bucket. Partial: only request spans.
CREATE INDEX "spans_endpoint_start_idx" ON "spans" ("service_name", "endpoint", "start_time_unix_nano")
    WHERE "endpoint" IS NOT NULL;

-- Requests, errors and the latency histogram per endpoint and minute
-- (minute = start_time_unix_nano / 60e9). The histogram is packed, one bigint per non-empty log
-- bucket: (bucket << 40) | count, sorted by bucket (lib/rollups/latency-histogram.ts). One row per
-- endpoint-minute keeps both the ingest upsert and the read of a window small.
CREATE TABLE "endpoint_minutes" (
    "minute" BIGINT NOT NULL,
    "service_name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "request_count" BIGINT NOT NULL,
    "error_count" BIGINT NOT NULL,
    "latency_histogram" BIGINT[] NOT NULL,
    CONSTRAINT "endpoint_minutes_pkey" PRIMARY KEY ("minute", "service_name", "endpoint")
);

-- The same per ten minutes (minute = first minute of the block, a multiple of 10): a window
-- reads whole blocks from here and only its ragged edges from endpoint_minutes, so an hour
-- merges ~15 rows per endpoint instead of 60, a day 144 instead of 1440.
CREATE TABLE "endpoint_ten_minutes" (
    "minute" BIGINT NOT NULL,
    "service_name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "request_count" BIGINT NOT NULL,
    "error_count" BIGINT NOT NULL,
    "latency_histogram" BIGINT[] NOT NULL,
    CONSTRAINT "endpoint_ten_minutes_pkey" PRIMARY KEY ("minute", "service_name", "endpoint")
);

-- Adds two packed histograms bucket by bucket (used by the ingest upsert).
CREATE FUNCTION "merge_latency_histograms"(a BIGINT[], b BIGINT[]) RETURNS BIGINT[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg((bucket << 40) | total ORDER BY bucket), '{}')
    FROM (
        SELECT packed >> 40 AS bucket, sum(packed & 1099511627775)::bigint AS total
        FROM unnest(a || b) AS packed
        GROUP BY 1
    ) AS merged
$$;
