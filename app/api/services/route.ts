// GET /api/services?from=&to= – request rate, error rate, p50/p95/p99 and a sparkline per service.
import { apiRoute } from "@/lib/api/api-route";
import { parseStep, parseWindow } from "@/lib/api/params";
import type { ServicesResponse } from "@/lib/contracts/endpoint-schemas";
import { getServiceSummaries } from "@/lib/queries/services/get-service-summaries";

export const GET = apiRoute(async ({ db, searchParams }): Promise<ServicesResponse> => {
  const window = parseWindow(searchParams);
  const stepMs = parseStep(searchParams, window);
  return { ...window, stepMs, services: await getServiceSummaries(db, window, stepMs) };
});
