// GET /api/metrics/query?name=&service=&from=&to=&step=&stat=&groupBy=&filter=key=value – one metric over time, per group.
import { apiRoute } from "@/lib/api/api-route";
import { parseMetricQuery } from "@/lib/api/metric-query-params";
import type { MetricQueryResponse } from "@/lib/contracts/metric-schemas";
import { getMetricQuery } from "@/lib/queries/metrics/get-metric-query";

export const GET = apiRoute(
  async ({ db, searchParams }): Promise<MetricQueryResponse> =>
    getMetricQuery(db, parseMetricQuery(searchParams)),
);
