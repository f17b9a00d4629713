// GET /api/services?from=&to= – request rate, error rate, p50/p95/p99 and a sparkline per service.
import type { ServicesResponse } from "@/lib/api/endpoint-schemas";
import { jsonOr400 } from "@/lib/api/json-route";
import { parseStep, parseWindow } from "@/lib/api/time-range";
import { getServiceSummaries } from "@/lib/queries/services/get-service-summaries";

export function GET(request: Request) {
  return jsonOr400(async (): Promise<ServicesResponse> => {
    const params = new URL(request.url).searchParams;
    const window = parseWindow(params);
    const stepMs = parseStep(params, window);
    return { ...window, stepMs, services: await getServiceSummaries(window, stepMs) };
  });
}
