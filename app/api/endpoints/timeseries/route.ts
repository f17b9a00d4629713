// GET /api/endpoints/timeseries?service=&endpoint=&from=&to=&step= – one endpoint's latency over time.
import type { TimeseriesResponse } from "@/lib/api/endpoint-schemas";
import { jsonOr400, requiredParam } from "@/lib/api/json-route";
import { parseStep, parseWindow } from "@/lib/api/time-range";
import { getEndpointTimeseries } from "@/lib/queries/endpoints/get-endpoint-timeseries";

export function GET(request: Request) {
  return jsonOr400(async (): Promise<TimeseriesResponse> => {
    const params = new URL(request.url).searchParams;
    const service = requiredParam(params, "service");
    const endpoint = requiredParam(params, "endpoint");
    const window = parseWindow(params);
    const stepMs = parseStep(params, window);
    return { ...window, stepMs, points: await getEndpointTimeseries(window, stepMs, service, endpoint) };
  });
}
