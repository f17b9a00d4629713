// GET /api/endpoints/outliers?service=&endpoint=&from=&to=&limit=&selectFrom=&selectTo= – attribute values over-represented among an endpoint's slow (> p95) requests, or those of a chosen stretch of time.
import { apiRoute } from "@/lib/api/api-route";
import { parseSelection, parseWindow, requiredParam } from "@/lib/api/params";
import type { OutliersResponse } from "@/lib/contracts/outlier-schemas";
import { BadRequestError } from "@/lib/model/request-errors";
import { getEndpointOutliers } from "@/lib/queries/endpoints/get-endpoint-outliers";

export const GET = apiRoute(async ({ db, searchParams }): Promise<OutliersResponse> => {
  const service = requiredParam(searchParams, "service");
  const endpoint = requiredParam(searchParams, "endpoint");
  const limit = Number(searchParams.get("limit") ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new BadRequestError("limit must be a whole number from 1 to 100");
  }
  return getEndpointOutliers(db, {
    ...parseWindow(searchParams),
    service,
    endpoint,
    limit,
    selection: parseSelection(searchParams),
  });
});
