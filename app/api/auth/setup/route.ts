// POST /api/auth/setup {token, email, password} – the first start's setup link: creates the admin
// and signs them in (204 + cookie); 403 once the link is used, expired or replaced.
import { apiRoute } from "@/lib/api/api-route";
import { parseJsonBody } from "@/lib/api/json-body";
import { newSessionOptions, signedInResponse } from "@/lib/api/session-cookie";
import { uiAuthSettings } from "@/lib/api/ui-auth-settings";
import { setupRequestSchema } from "@/lib/contracts/auth-schemas";
import { setUpAdmin } from "@/lib/queries/auth/set-up-admin";

export const POST = apiRoute(async ({ db, request }) => {
  const body = await parseJsonBody(
    request,
    setupRequestSchema,
    '{"token": "<from the setup link>", "email": "ops@example.com", "password": "at least 12 characters"}',
  );
  const session = await setUpAdmin(db, {
    ...body,
    ...newSessionOptions(request, uiAuthSettings().sessionTtlMs),
  });
  return signedInResponse(request, session);
});
