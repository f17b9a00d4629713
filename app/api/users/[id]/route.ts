// DELETE /api/users/{id} – removes a user and ends their sessions (admin; not yourself, not the last admin).
import { apiRoute } from "@/lib/api/api-route";
import { deleteUser } from "@/lib/queries/users/delete-user";

export const DELETE = apiRoute<{ id: string }>(
  async ({ db, params, principal }) => {
    await deleteUser(db, params.id, principal.kind === "user" ? principal.userId : null);
    return new Response(null, { status: 204 });
  },
  { admin: true },
);
