// GET /api/metrics/query?name=&service=&from=&to=&step=&stat=&groupBy=&filter=key=value – one metric over time, per group.
import { jsonOr400 } from "@/lib/api/json-route";
import { parseMetricQuery } from "@/lib/api/metric-query-params";
import type { MetricQueryResponse } from "@/lib/api/metric-schemas";
import { getDb } from "@/lib/db/pool";
import { getMetricQuery } from "@/lib/queries/metrics/get-metric-query";

export function GET(request: Request) {
  return jsonOr400(async (): Promise<MetricQueryResponse> => {
    const query = parseMetricQuery(new URL(request.url).searchParams);
    return getMetricQuery(getDb(), query);
  });
}
