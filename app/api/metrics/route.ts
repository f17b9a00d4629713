// GET /api/metrics?service=&from=&to= – the metrics with points in the window, their services and attribute keys.
import { apiRoute } from "@/lib/api/api-route";
import { parseWindow } from "@/lib/api/params";
import type { MetricsResponse } from "@/lib/contracts/metric-schemas";
import { getMetricList } from "@/lib/queries/metrics/get-metric-list";

export const GET = apiRoute(async ({ db, searchParams }): Promise<MetricsResponse> => {
  const window = parseWindow(searchParams);
  const service = searchParams.get("service") || null;
  return { ...window, metrics: await getMetricList(db, window, service) };
});
