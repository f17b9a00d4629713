// GET /api/endpoints/exemplars?service=&endpoint=&from=&to=&limit=&errors=1 – the slowest (or the failed) requests, as trace links.
import { apiRoute } from "@/lib/api/api-route";
import { parseWindow, requiredParam } from "@/lib/api/params";
import type { ExemplarsResponse } from "@/lib/contracts/endpoint-schemas";
import { BadRequestError } from "@/lib/model/request-errors";
import { getEndpointExemplars } from "@/lib/queries/endpoints/get-endpoint-exemplars";

export const GET = apiRoute(async ({ db, searchParams }): Promise<ExemplarsResponse> => {
  const service = requiredParam(searchParams, "service");
  const endpoint = requiredParam(searchParams, "endpoint");
  const window = parseWindow(searchParams);
  const limit = Number(searchParams.get("limit") ?? 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new BadRequestError("limit must be a whole number from 1 to 100");
  }
  const errorsOnly = searchParams.get("errors") === "1";
  return {
    ...window,
    exemplars: await getEndpointExemplars(db, window, service, endpoint, limit, errorsOnly),
  };
});
