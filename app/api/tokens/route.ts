// GET /api/tokens – read-only API tokens, newest first, no secrets (admin).
// POST /api/tokens {name, expiresInDays?} – a new token: 201 with the token itself, shown this once (admin).
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/api-route";
import { parseJsonBody } from "@/lib/api/json-body";
import {
  type ApiTokensResponse,
  type CreatedApiTokenResponse,
  createApiTokenRequestSchema,
} from "@/lib/contracts/auth-schemas";
import { createApiToken } from "@/lib/queries/tokens/create-api-token";
import { listApiTokens } from "@/lib/queries/tokens/list-api-tokens";

export const GET = apiRoute(
  async ({ db }): Promise<ApiTokensResponse> => ({ tokens: await listApiTokens(db) }),
  {
    admin: true,
  },
);

export const POST = apiRoute(
  async ({ db, request }) => {
    const body = await parseJsonBody(
      request,
      createApiTokenRequestSchema,
      '{"name": "ci-budget-check", "expiresInDays": 90} (expiresInDays optional, 1–3650)',
    );
    const created: CreatedApiTokenResponse = await createApiToken(db, body.name, body.expiresInDays);
    return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
  },
  { admin: true },
);
