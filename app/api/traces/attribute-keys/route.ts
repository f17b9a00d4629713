// GET /api/traces/attribute-keys?service=&from=&to= – attribute keys seen on spans, for search suggestions.
import { apiRoute } from "@/lib/api/api-route";
import { parseWindow } from "@/lib/api/params";
import type { AttributeKeysResponse } from "@/lib/contracts/trace-search-schema";
import { getAttributeKeys } from "@/lib/queries/traces/get-attribute-keys";

export const GET = apiRoute(async ({ db, searchParams }): Promise<AttributeKeysResponse> => {
  const window = parseWindow(searchParams);
  return { keys: await getAttributeKeys(db, window, searchParams.get("service") || null) };
});
