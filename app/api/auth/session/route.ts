// GET /api/auth/session – who is signed in, whether they are an admin, and whether UI_AUTH is on.
import { apiRoute } from "@/lib/api/api-route";
import { uiAuthSettings } from "@/lib/api/ui-auth-settings";
import type { SessionInfo } from "@/lib/contracts/auth-schemas";
import { getSessionInfo } from "@/lib/queries/auth/get-session-info";

export const GET = apiRoute(
  async ({ db, principal }): Promise<SessionInfo> => getSessionInfo(db, principal, uiAuthSettings().mode),
);
