// GET /api/caches?service=&from=&to= – endpoints ranked by cache misses, and the caches involved.
import { apiRoute } from "@/lib/api/api-route";
import { parseWindow } from "@/lib/api/params";
import type { CachesResponse } from "@/lib/contracts/endpoint-schemas";
import { getCaches } from "@/lib/queries/caches/get-caches";

export const GET = apiRoute(async ({ db, searchParams }): Promise<CachesResponse> => {
  const window = parseWindow(searchParams);
  return { ...window, ...(await getCaches(db, window, searchParams.get("service") || undefined)) };
});
