// DELETE /api/tokens/{id} – revokes a read-only API token: refused from its next request on (admin).
import { apiRoute } from "@/lib/api/api-route";
import { NotFoundError } from "@/lib/model/request-errors";
import { revokeApiToken } from "@/lib/queries/tokens/revoke-api-token";

export const DELETE = apiRoute<{ id: string }>(
  async ({ db, params }) => {
    if (!(await revokeApiToken(db, params.id)))
      throw new NotFoundError(`no API token with id "${params.id}"`);
    return new Response(null, { status: 204 });
  },
  { admin: true },
);
