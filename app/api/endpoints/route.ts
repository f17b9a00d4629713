// GET /api/endpoints?service=&from=&to= – requests, errors and p50/p95/p99 per endpoint.
import { apiRoute } from "@/lib/api/api-route";
import { parseWindow } from "@/lib/api/params";
import type { EndpointsResponse } from "@/lib/contracts/endpoint-schemas";
import { getEndpointSummaries } from "@/lib/queries/endpoints/get-endpoint-summaries";

export const GET = apiRoute(async ({ db, searchParams }): Promise<EndpointsResponse> => {
  const window = parseWindow(searchParams);
  const service = searchParams.get("service") || undefined;
  return { ...window, endpoints: await getEndpointSummaries(db, window, service) };
});
