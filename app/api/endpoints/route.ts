// GET /api/endpoints?service=&from=&to= – requests, errors and p50/p95/p99 per endpoint.
import type { EndpointsResponse } from "@/lib/api/endpoint-schemas";
import { jsonOr400 } from "@/lib/api/json-route";
import { parseWindow } from "@/lib/api/time-range";
import { getEndpointSummaries } from "@/lib/queries/endpoints/get-endpoint-summaries";

export function GET(request: Request) {
  return jsonOr400(async (): Promise<EndpointsResponse> => {
    const params = new URL(request.url).searchParams;
    const window = parseWindow(params);
    return { ...window, endpoints: await getEndpointSummaries(window, params.get("service") || undefined) };
  });
}
