-- Spans, traces and resources: the foundation tables.

-- Spans are range-partitioned by day on start_time_unix_nano (nanoseconds since the epoch).
-- Partitions are created on demand by lib/ingest/span-partitions.ts; expiry drops a partition.
CREATE TABLE "spans" (
    "start_time_unix_nano" BIGINT NOT NULL,
    "trace_id" BYTEA NOT NULL,
    "span_id" BYTEA NOT NULL,
    "parent_span_id" BYTEA,
    "duration_nano" BIGINT NOT NULL,
    "service_name" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" SMALLINT NOT NULL,
    "status_code" SMALLINT NOT NULL,
    "status_message" TEXT,
    "trace_state" TEXT,
    "flags" INTEGER NOT NULL DEFAULT 0,
    "resource_id" BIGINT NOT NULL,
    "scope_name" TEXT,
    "scope_version" TEXT,
    "attributes" JSONB NOT NULL,
    "events" JSONB,
    "links" JSONB,
    "dropped_attributes_count" INTEGER NOT NULL DEFAULT 0,
    "dropped_events_count" INTEGER NOT NULL DEFAULT 0,
    "dropped_links_count" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "spans_pkey" PRIMARY KEY ("trace_id", "span_id", "start_time_unix_nano")
) PARTITION BY RANGE ("start_time_unix_nano");

-- Time-range scans (dashboards, retention) use a BRIN index: spans arrive roughly in time
-- order, so a BRIN stays tiny where a b-tree would cost as much to maintain as the PK.
CREATE INDEX "spans_start_brin" ON "spans" USING BRIN ("start_time_unix_nano");

CREATE TABLE "traces" (
    "trace_id" BYTEA NOT NULL,
    "start_time_unix_nano" BIGINT NOT NULL,
    "end_time_unix_nano" BIGINT NOT NULL,
    "span_count" INTEGER NOT NULL,
    "root_service_name" TEXT,
    "root_span_name" TEXT,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "traces_pkey" PRIMARY KEY ("trace_id")
);
CREATE INDEX "traces_start_idx" ON "traces" ("start_time_unix_nano");

CREATE TABLE "resources" (
    "id" BIGINT NOT NULL,
    "service_name" TEXT NOT NULL,
    "attributes" JSONB NOT NULL,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "resources_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "resources_service_idx" ON "resources" ("service_name");
