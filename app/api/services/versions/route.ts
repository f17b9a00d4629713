// GET /api/services/versions?service=&from=&to= – the service.versions a service ran in the window, first seen first.
import { apiRoute } from "@/lib/api/api-route";
import { parseWindow, requiredParam } from "@/lib/api/params";
import type { ServiceVersionsResponse } from "@/lib/contracts/version-schemas";
import { getServiceVersions } from "@/lib/queries/services/get-service-versions";

export const GET = apiRoute(
  async ({ db, searchParams }): Promise<ServiceVersionsResponse> =>
    getServiceVersions(db, { ...parseWindow(searchParams), service: requiredParam(searchParams, "service") }),
);
