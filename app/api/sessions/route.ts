// GET /api/sessions – live sessions of every user, newest first (admin).
import { apiRoute } from "@/lib/api/api-route";
import type { SessionsResponse } from "@/lib/contracts/auth-schemas";
import { listSessions } from "@/lib/queries/sessions/list-sessions";

export const GET = apiRoute(
  async ({ db, principal }): Promise<SessionsResponse> => ({
    sessions: await listSessions(db, principal.kind === "user" ? principal.sessionId : null),
  }),
  { admin: true },
);
