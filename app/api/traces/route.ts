// GET /api/traces?service=&endpoint=&name=&attr=&minDurationMs=&maxDurationMs=&status=&from=&to=&sort=&limit=&cursor= – trace search.
import { apiRoute } from "@/lib/api/api-route";
import { parseTraceSearch } from "@/lib/api/trace-search-params";
import type { TraceSearchResponse } from "@/lib/contracts/trace-search-schema";
import { getTraceSummaries } from "@/lib/queries/traces/get-trace-summaries";

export const GET = apiRoute(
  async ({ db, searchParams }): Promise<TraceSearchResponse> =>
    getTraceSummaries(db, parseTraceSearch(searchParams)),
);
