// DELETE /api/shares/{id} – revokes a public trace link: it answers 410 from then on. An admin may
// revoke any link, a viewer only their own (someone else's is 404 to them).
import { apiRoute } from "@/lib/api/api-route";
import { shareOwnerScope } from "@/lib/api/share-owner";
import { NotFoundError } from "@/lib/model/request-errors";
import { revokeTraceShare } from "@/lib/queries/shares/revoke-trace-share";

export const DELETE = apiRoute<{ id: string }>(async ({ db, params, principal }) => {
  const scope = shareOwnerScope(principal);
  if (scope === null || !(await revokeTraceShare(db, params.id, scope === "all" ? {} : scope)))
    throw new NotFoundError(`no share link with id "${params.id}" that you may revoke`);
  return new Response(null, { status: 204 });
});
