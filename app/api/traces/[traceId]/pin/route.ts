// GET | POST | DELETE /api/traces/{traceId}/pin – whether a trace is pinned; pin it with a note; unpin it.
import { apiRoute } from "@/lib/api/api-route";
import type { PinResponse } from "@/lib/contracts/pin-schemas";
import { pinRequestSchema } from "@/lib/model/pins";
import { BadRequestError, NotFoundError } from "@/lib/model/request-errors";
import { traceIdPattern } from "@/lib/model/traces";
import { getPins } from "@/lib/queries/pins/get-pins";
import { pinTrace, unpinTrace } from "@/lib/queries/pins/pin-trace";

function traceIdOf(params: { traceId: string }): string {
  const traceId = params.traceId.toLowerCase();
  if (!traceIdPattern.test(traceId)) {
    throw new BadRequestError(`"${traceId}" is not a trace id: expected 32 hexadecimal characters`);
  }
  return traceId;
}

export const GET = apiRoute<{ traceId: string }>(async ({ db, params }): Promise<PinResponse> => {
  const [pin] = await getPins(db, traceIdOf(params));
  return { pin: pin ?? null };
});

export const POST = apiRoute<{ traceId: string }>(async ({ db, params, request }): Promise<PinResponse> => {
  const traceId = traceIdOf(params);
  const text = await request.text();
  const body = pinRequestSchema.safeParse(text.trim() === "" ? {} : parseJson(text));
  if (!body.success) {
    throw new BadRequestError('the body must be JSON like {"note": "…", "pinnedBy": "…"} (both optional)');
  }
  const pin = await pinTrace(db, traceId, body.data);
  if (!pin) throw new NotFoundError(`trace ${traceId} is not stored: it never arrived or has expired`);
  return { pin };
});

export const DELETE = apiRoute<{ traceId: string }>(async ({ db, params }) => {
  const traceId = traceIdOf(params);
  if (!(await unpinTrace(db, traceId))) throw new NotFoundError(`trace ${traceId} is not pinned`);
  return { unpinned: true };
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
