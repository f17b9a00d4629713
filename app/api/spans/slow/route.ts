// GET /api/spans/slow?service=&endpoint=&from=&to=&limit= – where an endpoint's (or a service's) requests spend their time.
import { apiRoute } from "@/lib/api/api-route";
import { parseWindow, requiredParam } from "@/lib/api/params";
import type { SlowSpansResponse } from "@/lib/contracts/slow-span-schemas";
import { BadRequestError } from "@/lib/model/request-errors";
import { getSlowSpans } from "@/lib/queries/spans/get-slow-spans";

export const GET = apiRoute(async ({ db, searchParams }): Promise<SlowSpansResponse> => {
  const service = requiredParam(searchParams, "service");
  const endpoint = searchParams.get("endpoint") || null;
  const window = parseWindow(searchParams);
  const limit = Number(searchParams.get("limit") ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new BadRequestError("limit must be a whole number from 1 to 100");
  }
  return getSlowSpans(db, { ...window, service, endpoint, limit });
});
