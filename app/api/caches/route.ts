// GET /api/caches?service=&from=&to= – endpoints ranked by cache misses, and the caches involved.
import type { CachesResponse } from "@/lib/api/endpoint-schemas";
import { jsonOr400 } from "@/lib/api/json-route";
import { parseWindow } from "@/lib/api/time-range";
import { getCaches } from "@/lib/queries/caches/get-caches";

export function GET(request: Request) {
  return jsonOr400(async (): Promise<CachesResponse> => {
    const params = new URL(request.url).searchParams;
    const window = parseWindow(params);
    return { ...window, ...(await getCaches(window, params.get("service") || undefined)) };
  });
}
