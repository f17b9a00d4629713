-- The trace search terms (lib/model/trace-search-bloom.ts): the exact 32-bit hashes of a trace's
-- span names, endpoints, scalar attributes and services, with a GIN index, so that a search for a
-- rare value (an order id; a route of one service) reaches its traces through the index instead
-- of testing the search filter of every trace in the window. Traces stored before this keep NULL,
-- which the search reads as "unknown" (it then relies on the filter, as before).
ALTER TABLE "traces" ADD COLUMN "search_terms" INTEGER[];

CREATE INDEX "traces_search_terms_idx" ON "traces" USING GIN ("search_terms");

-- Only those older traces: a search asks whether its window holds any (one index lookup) before
-- it relies on the terms (lib/queries/traces/get-trace-summaries.ts). New traces never enter it.
CREATE INDEX "traces_unindexed_start_idx" ON "traces" ("start_time_unix_nano") WHERE "search_terms" IS NULL;
