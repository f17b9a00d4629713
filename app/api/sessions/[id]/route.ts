// DELETE /api/sessions/{id} – signs that browser out from its next request on (admin).
import { apiRoute } from "@/lib/api/api-route";
import { NotFoundError } from "@/lib/model/request-errors";
import { revokeSession } from "@/lib/queries/sessions/revoke-session";

export const DELETE = apiRoute<{ id: string }>(
  async ({ db, params }) => {
    if (!(await revokeSession(db, params.id))) throw new NotFoundError(`no session with id "${params.id}"`);
    return new Response(null, { status: 204 });
  },
  { admin: true },
);
