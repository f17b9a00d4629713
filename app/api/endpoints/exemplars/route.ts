// GET /api/endpoints/exemplars?service=&endpoint=&from=&to=&limit= – the slowest requests, as trace links.
import type { ExemplarsResponse } from "@/lib/api/endpoint-schemas";
import { jsonOr400, requiredParam } from "@/lib/api/json-route";
import { BadRequestError, parseWindow } from "@/lib/api/time-range";
import { getEndpointExemplars } from "@/lib/queries/endpoints/get-endpoint-exemplars";

export function GET(request: Request) {
  return jsonOr400(async (): Promise<ExemplarsResponse> => {
    const params = new URL(request.url).searchParams;
    const service = requiredParam(params, "service");
    const endpoint = requiredParam(params, "endpoint");
    const window = parseWindow(params);
    const limit = Number(params.get("limit") ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new BadRequestError("limit must be a whole number from 1 to 100");
    }
    return { ...window, exemplars: await getEndpointExemplars(window, service, endpoint, limit) };
  });
}
