-- Metrics exploration (issue 20): the instrumentation scope's attributes and Metric.metadata are
-- kept per series, and a metric is looked up by name across services (GET /api/metrics/query
-- without service=).
ALTER TABLE "metric_series" ADD COLUMN "scope_attributes" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "metric_series" ADD COLUMN "metadata" JSONB NOT NULL DEFAULT '{}';
CREATE INDEX "metric_series_metric_name_idx" ON "metric_series" ("metric_name");
