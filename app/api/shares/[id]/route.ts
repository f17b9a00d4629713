// DELETE /api/shares/{id} – revokes a public trace link: it answers 410 from then on.
import { apiRoute } from "@/lib/api/api-route";
import { NotFoundError } from "@/lib/model/request-errors";
import { revokeTraceShare } from "@/lib/queries/shares/revoke-trace-share";

export const DELETE = apiRoute<{ id: string }>(async ({ db, params }) => {
  if (!(await revokeTraceShare(db, params.id)))
    throw new NotFoundError(`no share link with id "${params.id}"`);
  return new Response(null, { status: 204 });
});
