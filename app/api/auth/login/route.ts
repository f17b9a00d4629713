// POST /api/auth/login {email, password} – 204 with the session cookie; 401 wrong email or
// password; 429 + Retry-After after too many failures for the account or the address.
import { apiRoute } from "@/lib/api/api-route";
import { parseJsonBody } from "@/lib/api/json-body";
import { newSessionOptions, signedInResponse } from "@/lib/api/session-cookie";
import { uiAuthSettings } from "@/lib/api/ui-auth-settings";
import { loginRequestSchema } from "@/lib/contracts/auth-schemas";
import { logIn } from "@/lib/queries/auth/log-in";

export const POST = apiRoute(async ({ db, request }) => {
  const body = await parseJsonBody(
    request,
    loginRequestSchema,
    '{"email": "ops@example.com", "password": "…"}',
  );
  const session = await logIn(db, { ...body, ...newSessionOptions(request, uiAuthSettings().sessionTtlMs) });
  return signedInResponse(request, session);
});
