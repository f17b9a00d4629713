// GET /api/endpoints/timeseries?service=&endpoint=&from=&to=&step= – one endpoint's latency over time.
import { apiRoute } from "@/lib/api/api-route";
import { parseStep, parseWindow, requiredParam } from "@/lib/api/params";
import type { TimeseriesResponse } from "@/lib/contracts/endpoint-schemas";
import { getEndpointTimeseries } from "@/lib/queries/endpoints/get-endpoint-timeseries";

export const GET = apiRoute(async ({ db, searchParams }): Promise<TimeseriesResponse> => {
  const service = requiredParam(searchParams, "service");
  const endpoint = requiredParam(searchParams, "endpoint");
  const window = parseWindow(searchParams);
  const stepMs = parseStep(searchParams, window);
  return { ...window, stepMs, points: await getEndpointTimeseries(db, window, stepMs, service, endpoint) };
});
