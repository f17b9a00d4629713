// GET /api/compare?service=&baseline=version:V|range:FROM-TO&candidate=…&from=&to= – each endpoint before and after, and whether p95 changed beyond noise.
import { apiRoute } from "@/lib/api/api-route";
import { parseWindow, requiredParam } from "@/lib/api/params";
import type { CompareResponse } from "@/lib/contracts/compare-schemas";
import { getVersionComparison, parseSideSpec } from "@/lib/queries/endpoints/get-version-comparison";

export const GET = apiRoute(async ({ db, searchParams }): Promise<CompareResponse> => {
  const service = requiredParam(searchParams, "service");
  const baseline = searchParams.get("baseline");
  const candidate = searchParams.get("candidate");
  return getVersionComparison(db, {
    ...parseWindow(searchParams),
    service,
    baseline: baseline ? parseSideSpec("baseline", baseline) : null,
    candidate: candidate ? parseSideSpec("candidate", candidate) : null,
  });
});
