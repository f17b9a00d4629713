-- Metrics: one row per time series, one row per data point (lib/ingest/store-metric-points.ts).

-- A series is everything that identifies a stream of points: resource, scope, metric name, type
-- (with temporality and monotonicity), unit and point attributes. series_id is a 64-bit hash of
-- those (lib/otlp/normalize-metrics.ts), so every process derives the same id without a lookup.
CREATE TABLE "metric_series" (
    "series_id" BIGINT NOT NULL,
    "service_name" TEXT NOT NULL,
    "resource_id" BIGINT NOT NULL,
    "scope_name" TEXT,
    "scope_version" TEXT,
    "metric_name" TEXT NOT NULL,
    "description" TEXT,
    "unit" TEXT,
    -- 1 gauge, 2 sum, 3 histogram, 4 exponential histogram, 5 summary
    "metric_type" SMALLINT NOT NULL,
    -- OTLP AggregationTemporality: 0 unspecified (gauge, summary), 1 delta, 2 cumulative
    "aggregation_temporality" SMALLINT NOT NULL,
    "is_monotonic" BOOLEAN NOT NULL,
    "attributes" JSONB NOT NULL,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "metric_series_pkey" PRIMARY KEY ("series_id")
);
CREATE INDEX "metric_series_service_metric_idx" ON "metric_series" ("service_name", "metric_name");

-- Points are range-partitioned by day on time_unix_nano, like spans, so expiry is a partition
-- drop. The primary key makes a retried export idempotent: the same point has the same series,
-- time and start time. start_time_unix_nano is 0 when the sender did not set it.
CREATE TABLE "metric_points" (
    "series_id" BIGINT NOT NULL,
    "time_unix_nano" BIGINT NOT NULL,
    "start_time_unix_nano" BIGINT NOT NULL DEFAULT 0,
    -- gauge and sum points; an int64 point as the nearest double, exactly in int_value
    "value" DOUBLE PRECISION,
    "int_value" BIGINT,
    -- histogram / exponential histogram / summary fields in OTLP/JSON form (64-bit counts as strings)
    "histogram" JSONB,
    "exemplars" JSONB,
    "flags" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "metric_points_pkey" PRIMARY KEY ("series_id", "time_unix_nano", "start_time_unix_nano")
) PARTITION BY RANGE ("time_unix_nano");

CREATE INDEX "metric_points_time_brin" ON "metric_points" USING BRIN ("time_unix_nano");
