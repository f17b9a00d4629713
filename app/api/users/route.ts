// GET /api/users – every user (admin). POST /api/users {email, password, role} – 201 the new user (admin).
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/api-route";
import { parseJsonBody } from "@/lib/api/json-body";
import { createUserRequestSchema, type UsersResponse } from "@/lib/contracts/auth-schemas";
import { createUser } from "@/lib/queries/users/create-user";
import { listUsers } from "@/lib/queries/users/list-users";

export const GET = apiRoute(async ({ db }): Promise<UsersResponse> => ({ users: await listUsers(db) }), {
  admin: true,
});

export const POST = apiRoute(
  async ({ db, request }) => {
    const body = await parseJsonBody(
      request,
      createUserRequestSchema,
      '{"email": "dev@example.com", "password": "at least 12 characters", "role": "viewer"}',
    );
    return NextResponse.json(await createUser(db, body), {
      status: 201,
      headers: { "Cache-Control": "no-store" },
    });
  },
  { admin: true },
);
