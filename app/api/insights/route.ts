// GET /api/insights?service=&endpoint=&from=&to=&limit= – what the detectors found (N+1, sequential calls, slow queries), most time to save first.
import { apiRoute } from "@/lib/api/api-route";
import { slowQueryThresholdMs } from "@/lib/api/insight-thresholds";
import { parseWindow } from "@/lib/api/params";
import type { InsightsResponse } from "@/lib/contracts/insight-schemas";
import { BadRequestError } from "@/lib/model/request-errors";
import { getInsights } from "@/lib/queries/insights/get-insights";

export const GET = apiRoute(async ({ db, searchParams }): Promise<InsightsResponse> => {
  const service = searchParams.get("service") || null;
  const endpoint = searchParams.get("endpoint") || null;
  if (endpoint !== null && service === null) {
    throw new BadRequestError(
      "endpoint needs service: pass both, e.g. service=orders&endpoint=GET%20/orders",
    );
  }
  const limit = Number(searchParams.get("limit") ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new BadRequestError("limit must be a whole number from 1 to 200");
  }
  return getInsights(db, {
    ...parseWindow(searchParams),
    service,
    endpoint,
    limit,
    slowQueryMs: slowQueryThresholdMs(),
  });
});
