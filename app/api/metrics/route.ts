// GET /api/metrics?service=&from=&to= – the metrics with points in the window, their services and attribute keys.
import { jsonOr400 } from "@/lib/api/json-route";
import type { MetricsResponse } from "@/lib/api/metric-schemas";
import { parseWindow } from "@/lib/api/time-range";
import { getDb } from "@/lib/db/pool";
import { getMetricList } from "@/lib/queries/metrics/get-metric-list";

export function GET(request: Request) {
  return jsonOr400(async (): Promise<MetricsResponse> => {
    const params = new URL(request.url).searchParams;
    const window = parseWindow(params);
    const service = params.get("service") || null;
    return { ...window, metrics: await getMetricList(getDb(), window, service) };
  });
}
