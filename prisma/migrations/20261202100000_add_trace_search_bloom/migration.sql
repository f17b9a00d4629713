-- The trace search filter (lib/model/trace-search-bloom.ts): a 512-bit Bloom filter per trace of
-- its spans' names, endpoints and scalar attributes, ORed together by ingest. GET /api/traces
-- looks a span condition up in it before reading the trace's spans. Traces stored before this
-- keep NULL, which the search reads as "may match".
ALTER TABLE "traces" ADD COLUMN "search_bloom" BIT(512);

-- Only those older traces: a search asks whether its window holds any (one index lookup) before
-- it relies on the filter (lib/queries/traces/get-trace-summaries.ts). New traces never enter it.
CREATE INDEX "traces_unfiltered_start_idx" ON "traces" ("start_time_unix_nano") WHERE "search_bloom" IS NULL;
