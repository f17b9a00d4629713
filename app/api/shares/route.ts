// GET /api/shares – the active public trace links, newest first (trace, root, dates; never a token).
import { apiRoute } from "@/lib/api/api-route";
import type { SharesResponse } from "@/lib/contracts/share-schemas";
import { listTraceShares } from "@/lib/queries/shares/list-trace-shares";

export const GET = apiRoute(
  async ({ db }): Promise<SharesResponse> => ({ shares: await listTraceShares(db) }),
);
