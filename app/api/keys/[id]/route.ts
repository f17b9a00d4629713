// DELETE /api/keys/{id} – revokes an ingest key: refused on every process within a few seconds.
import { apiRoute } from "@/lib/api/api-route";
import { NotFoundError } from "@/lib/model/request-errors";
import { revokeIngestKey } from "@/lib/queries/keys/revoke-ingest-key";

export const DELETE = apiRoute<{ id: string }>(
  async ({ db, params }) => {
    if (!(await revokeIngestKey(db, params.id)))
      throw new NotFoundError(`no ingest key with id "${params.id}"`);
    return new Response(null, { status: 204 });
  },
  { admin: true },
);
