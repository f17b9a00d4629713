// GET /api/endpoints?service=&from=&to=&version= – requests, errors and p50/p95/p99 per endpoint
// (from the rollups; with version=V only the requests of service.version V, from the spans).
import { apiRoute } from "@/lib/api/api-route";
import { parseWindow } from "@/lib/api/params";
import type { EndpointsResponse } from "@/lib/contracts/endpoint-schemas";
import { getEndpointSummaries } from "@/lib/queries/endpoints/get-endpoint-summaries";
import { getVersionEndpointSummaries } from "@/lib/queries/endpoints/get-version-endpoint-summaries";

export const GET = apiRoute(async ({ db, searchParams }): Promise<EndpointsResponse> => {
  const window = parseWindow(searchParams);
  const service = searchParams.get("service") || undefined;
  const version = searchParams.get("version") || undefined;
  const endpoints = version
    ? await getVersionEndpointSummaries(db, window, version, service)
    : await getEndpointSummaries(db, window, service);
  return { ...window, endpoints };
});
