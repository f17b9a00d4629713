// GET /api/shares – the active public trace links, newest first (trace, root, dates; never a token):
// an admin sees every link, a viewer their own (docs/security.md § Roles).
import { apiRoute } from "@/lib/api/api-route";
import { shareOwnerScope } from "@/lib/api/share-owner";
import type { SharesResponse } from "@/lib/contracts/share-schemas";
import { listTraceShares } from "@/lib/queries/shares/list-trace-shares";

export const GET = apiRoute(async ({ db, principal }): Promise<SharesResponse> => {
  const scope = shareOwnerScope(principal);
  if (scope === null) return { shares: [] };
  return { shares: await listTraceShares(db, scope === "all" ? {} : scope) };
});
