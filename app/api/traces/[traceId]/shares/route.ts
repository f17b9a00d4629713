// POST /api/traces/{traceId}/shares {expiresInHours?} – a public read-only link to this trace:
// 201 { id, url, expiresAt }; the url (its token) is shown this once (docs/security.md § Public links).
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/api-route";
import { requestOrigin } from "@/lib/api/request-origin";
import { shareCreator } from "@/lib/api/share-owner";
import { traceNotFoundMessage } from "@/lib/api/trace-not-found";
import { type CreatedShare, createShareRequestSchema } from "@/lib/contracts/share-schemas";
import { BadRequestError, NotFoundError } from "@/lib/model/request-errors";
import { traceIdPattern } from "@/lib/model/traces";
import { createTraceShare } from "@/lib/queries/shares/create-trace-share";

export const POST = apiRoute<{ traceId: string }>(async ({ db, params, principal, request }) => {
  const traceId = params.traceId.toLowerCase();
  if (!traceIdPattern.test(traceId)) {
    throw new BadRequestError(`"${traceId}" is not a trace id: expected 32 hexadecimal characters`);
  }
  const text = await request.text();
  let json: unknown = {};
  try {
    if (text.trim() !== "") json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const body = createShareRequestSchema.safeParse(json);
  if (!body.success) {
    throw new BadRequestError(
      `the body must be empty or JSON like {"expiresInHours": 168} (1–8760 hours, default 168): ${body.error.issues[0]?.message ?? "invalid"}`,
    );
  }
  const share = await createTraceShare(db, traceId, {
    expiresInHours: body.data.expiresInHours,
    createdBy: shareCreator(principal),
  });
  if (!share) throw new NotFoundError(traceNotFoundMessage(traceId));
  const created: CreatedShare = {
    id: share.id,
    url: `${requestOrigin(request)}/share/${share.token}`,
    expiresAt: share.expiresAt,
  };
  return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
